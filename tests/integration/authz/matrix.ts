import type { Outcome } from './probe.ts';

// One row per page, form action, endpoint and room. The columns are the roles, in this order:
//   anonymous, participant of this meeting (seated at {table}), participant of another meeting,
//   projector (its link's token, no login), facilitator (owner), co-facilitator, another
//   facilitator, admin.
// Outcomes: an HTTP status; 'login' = 303 to /login; 'home' = 303 to /?reason=signed-out; for rooms
// 'open' (the hub syncs the doc) or the close code 4401/4403 (with no data sent).
// Requests that change something are sent with an empty (invalid) body: an allowed role then gets
// the validation answer (400/422) and nothing changes, a refused role gets 401/403/404 first.
// Each row runs against a fresh meeting {meeting} (see world.ts for every placeholder).
// Adding a route: add its line here; `MATRIX_RECORD=1 npx vitest run tests/integration/authz-matrix.test.ts`
// prints what the server answers now — check each cell against the policy before copying it.

type Expect = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
export interface Row {
	key: string;
	path: string;
	expect: Expect;
	form?: string;
	json?: unknown;
}

const row = (key: string, path: string, expect: Expect, body: { form?: string; json?: unknown } = {}): Row => ({ key, path, expect, ...body });

export const MATRIX: readonly Row[] = [
	// pages
	row('GET /(public)', '/', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /(public)/login', '/login', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /(public)/about', '/about', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /(public)/logout', '/logout', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /(public)/join/[code]', '/join/{code}', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /(public)/i/[token]', '/i/{invite}', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /(account)/account/password', '/account/password', ['login', 'login', 'login', 'login', 200, 200, 200, 200]),
	row('GET /(admin)/admin/accounts', '/admin/accounts', ['login', 'login', 'login', 'login', 403, 403, 403, 200]),
	row('GET /(admin)/admin/register', '/admin/register', ['login', 'login', 'login', 'login', 403, 403, 403, 200]),
	row('GET /(facilitator)/meetings', '/meetings', ['login', 'login', 'login', 'login', 200, 200, 200, 200]),
	row('GET /(facilitator)/meetings/[meetingId]', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/boards', '/meetings/{meeting}/boards', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/invitations', '/meetings/{meeting}/invitations', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/poll/edit', '/meetings/{meeting}/poll/edit', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/poll/results', '/meetings/{meeting}/poll/results', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/report', '/meetings/{meeting}/report', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/series', '/series', ['login', 'login', 'login', 'login', 200, 200, 200, 200]),
	row('GET /(facilitator)/series/[seriesId]', '/series/{series}', ['login', 'login', 'login', 'login', 200, 404, 404, 200]),
	row('GET /(member)/meetings/[meetingId]/poll', '/meetings/{meeting}/poll', ['home', 200, 403, 'home', 200, 200, 403, 200]),
	row('GET /(member)/meetings/[meetingId]/tables', '/meetings/{meeting}/tables', ['home', 200, 403, 'home', 303, 303, 303, 303]),
	row('GET /(member)/tables/[tableId]', '/tables/{table}', ['home', 200, 403, 'home', 200, 200, 403, 200]),
	row('GET /(present)/present/[meetingId]', '/present/{meeting}', ['login', 'login', 'login', 200, 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/dashboard', '/meetings/{meeting}/dashboard', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/plenary/manage', '/meetings/{meeting}/plenary/manage', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/meetings/[meetingId]/poll/to-board', '/meetings/{meeting}/poll/to-board', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/tables/[tableId]/history', '/tables/{table}/history', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('GET /(facilitator)/search', '/search', ['login', 'login', 'login', 'login', 200, 200, 200, 200]),
	row('GET /(admin)/admin/series-summary', '/admin/series-summary', ['login', 'login', 'login', 'login', 403, 403, 403, 200]),
	row('GET /(member)/meetings/[meetingId]/plenary', '/meetings/{meeting}/plenary', ['home', 200, 403, 'home', 303, 303, 403, 303]),
	row('GET /(present)/present/[meetingId]/tables', '/present/{meeting}/tables', ['login', 'login', 'login', 200, 200, 200, 403, 200]),
	row('GET /(present)/present/[meetingId]/tables/[tableId]', '/present/{meeting}/tables/{table}', ['login', 'login', 'login', 200, 200, 200, 403, 200]),
	row('GET /(present)/present/[meetingId]/plenary', '/present/{meeting}/plenary', ['login', 'login', 'login', 200, 200, 200, 403, 200]),
	// form actions
	row('POST /(public)?/default', '/', [400, 400, 400, 400, 400, 400, 400, 400]),
	row('POST /(public)/login?/default', '/login', [422, 422, 422, 422, 422, 422, 422, 422]),
	row('POST /(public)/logout?/default', '/logout', [303, 303, 303, 303, 303, 303, 303, 303]),
	row('POST /(public)/join/[code]?/default', '/join/{code}', [422, 422, 422, 422, 422, 422, 422, 422]),
	row('POST /(public)/i/[token]?/default', '/i/{invite}', [422, 422, 422, 422, 422, 422, 422, 422]),
	row('POST /(public)/language', '/language', [303, 303, 303, 303, 303, 303, 303, 303], { form: 'locale=xx' }),
	row('POST /(account)/account/password?/default', '/account/password', ['login', 'login', 'login', 'login', 422, 422, 422, 422]),
	row('POST /(admin)/admin/accounts?/create', '/admin/accounts', ['login', 'login', 'login', 'login', 403, 403, 403, 422]),
	row('POST /(admin)/admin/accounts?/toggle', '/admin/accounts', ['login', 'login', 'login', 'login', 403, 403, 403, 404]),
	row('POST /(admin)/admin/register?/savePartnership', '/admin/register', ['login', 'login', 'login', 'login', 403, 403, 403, 422]),
	row('POST /(admin)/admin/register?/deletePartnership', '/admin/register', ['login', 'login', 'login', 'login', 403, 403, 403, 404]),
	row('POST /(admin)/admin/register?/saveRegion', '/admin/register', ['login', 'login', 'login', 'login', 403, 403, 403, 422]),
	row('POST /(admin)/admin/register?/deleteRegion', '/admin/register', ['login', 'login', 'login', 'login', 403, 403, 403, 404]),
	row('POST /(admin)/admin/register?/import', '/admin/register', ['login', 'login', 'login', 'login', 403, 403, 403, 422]),
	row('POST /(facilitator)/meetings?/create', '/meetings', ['login', 'login', 'login', 'login', 422, 422, 422, 422]),
	row('POST /(facilitator)/meetings?/fromTemplate', '/meetings', ['login', 'login', 'login', 'login', 422, 422, 422, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/details', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/status', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/duplicate', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 303, 303, 403, 303]),
	row('POST /(facilitator)/meetings/[meetingId]?/addFacilitator', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/removeFacilitator', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/projector', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('POST /(facilitator)/meetings/[meetingId]?/saveTable', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/moveTable', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 404, 404, 403, 404]),
	row('POST /(facilitator)/meetings/[meetingId]?/removeTable', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 404, 404, 403, 404]),
	row('POST /(facilitator)/meetings/[meetingId]?/saveTheme', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/moveTheme', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 404, 404, 403, 404]),
	row('POST /(facilitator)/meetings/[meetingId]?/boardSettings', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/boardPhase', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/assignTables', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]?/messageTables', '/meetings/{meeting}', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/invitations?/upload', '/meetings/{meeting}/invitations', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/invitations?/rotate', '/meetings/{meeting}/invitations', ['login', 'login', 'login', 'login', 400, 400, 403, 400]),
	row('POST /(facilitator)/meetings/[meetingId]/invitations?/deletePersonalData', '/meetings/{meeting}/invitations', ['login', 'login', 'login', 'login', 400, 400, 403, 400]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/edit?/save', '/meetings/{meeting}/poll/edit', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/edit?/remove', '/meetings/{meeting}/poll/edit', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/edit?/move', '/meetings/{meeting}/poll/edit', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/results?/current', '/meetings/{meeting}/poll/results', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/results?/reveal', '/meetings/{meeting}/poll/results', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/results?/close', '/meetings/{meeting}/poll/results', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/results?/reopen', '/meetings/{meeting}/poll/results', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/report?/texts', '/meetings/{meeting}/report', ['login', 'login', 'login', 'login', 200, 200, 403, 200]),
	row('POST /(facilitator)/series?/create', '/series', ['login', 'login', 'login', 'login', 422, 422, 422, 422]),
	row('POST /(facilitator)/series/[seriesId]?/save', '/series/{series}', ['login', 'login', 'login', 'login', 422, 403, 403, 422]),
	row('POST /(facilitator)/series/[seriesId]?/archive', '/series/{series}', ['login', 'login', 'login', 'login', 200, 403, 403, 200]),
	row('POST /(member)/meetings/[meetingId]/poll?/submit', '/meetings/{meeting}/poll', ['home', 422, 403, 'home', 422, 422, 403, 422]),
	row('POST /(member)/meetings/[meetingId]/poll?/save', '/meetings/{meeting}/poll', ['home', 422, 403, 'home', 422, 422, 403, 422]),
	row('POST /(member)/meetings/[meetingId]/tables?/choose', '/meetings/{meeting}/tables', ['home', 422, 403, 'home', 303, 303, 303, 303]),
	row('POST /(member)/tables/[tableId]?/default', '/tables/{table}', ['home', 422, 403, 'home', 422, 422, 403, 422]),
	row('POST /(facilitator)/meetings/[meetingId]/poll/to-board?/create', '/meetings/{meeting}/poll/to-board', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/tables/[tableId]/history?/restore', '/tables/{table}/history', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	row('POST /(facilitator)/tables/[tableId]/history?/undo', '/tables/{table}/history', ['login', 'login', 'login', 'login', 422, 422, 403, 422]),
	// endpoints
	row('GET /healthz', '/healthz', [200, 200, 200, 200, 200, 200, 200, 200]),
	row('GET /metrics', '/metrics', [404, 404, 404, 404, 404, 404, 404, 404]),
	row('GET /api/meetings/[meetingId]/poll', '/api/meetings/{meeting}/poll', [401, 200, 403, 401, 200, 200, 403, 200]),
	row('GET /api/meetings/[meetingId]/poll/answers', '/api/meetings/{meeting}/poll/answers', [401, 200, 403, 401, 403, 403, 403, 403]),
	row('POST /api/meetings/[meetingId]/poll/answers', '/api/meetings/{meeting}/poll/answers', [401, 200, 403, 401, 403, 403, 403, 403], { json: { commandId: '{cmd}', answers: [{ questionId: '{question}', value: 'kern' }] } }),
	row('PUT /api/meetings/[meetingId]/poll/answers/[questionId]', '/api/meetings/{meeting}/poll/answers/{question}', [401, 200, 403, 401, 403, 403, 403, 403], { json: { commandId: '{cmd}', value: 'kern' } }),
	row('GET /api/meetings/[meetingId]/poll/results', '/api/meetings/{meeting}/poll/results', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('POST /api/meetings/[meetingId]/poll/questions', '/api/meetings/{meeting}/poll/questions', [401, 403, 403, 401, 201, 201, 403, 201], { json: { commandId: '{cmd}', key: 'wens', type: 'text', prompt: 'Nog iets?' } }),
	row('PUT /api/meetings/[meetingId]/poll/questions/[questionId]', '/api/meetings/{meeting}/poll/questions/{question}', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}', key: 'positie', type: 'single', prompt: 'Waar sta je?', options: [{ id: 'kern', label: 'Kern' }, { id: 'rand', label: 'Rand' }] } }),
	row('DELETE /api/meetings/[meetingId]/poll/questions/[questionId]', '/api/meetings/{meeting}/poll/questions/{question}', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}' } }),
	row('POST /api/meetings/[meetingId]/poll/questions/reorder', '/api/meetings/{meeting}/poll/questions/reorder', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}', questionId: '{question}', afterId: null } }),
	row('POST /api/meetings/[meetingId]/poll/current', '/api/meetings/{meeting}/poll/current', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}', questionId: '{question}' } }),
	row('POST /api/meetings/[meetingId]/poll/reveal', '/api/meetings/{meeting}/poll/reveal', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}', questionId: '{question}', revealed: true } }),
	row('POST /api/meetings/[meetingId]/poll/close', '/api/meetings/{meeting}/poll/close', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}' } }),
	row('POST /api/meetings/[meetingId]/poll/reopen', '/api/meetings/{meeting}/poll/reopen', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}' } }),
	row('POST /api/meetings/[meetingId]/status', '/api/meetings/{meeting}/status', [401, 403, 403, 401, 200, 200, 403, 200], { json: { commandId: '{cmd}', action: 'start' } }),
	row('POST /api/meetings/[meetingId]/board', '/api/meetings/{meeting}/board', [401, 403, 403, 401, 200, 200, 403, 200], { json: { type: 'tables.message', commandId: '{cmd}', text: 'Nog vijf minuten' } }),
	row('POST /api/meetings/[meetingId]/plenary', '/api/meetings/{meeting}/plenary', [401, 403, 403, 401, 200, 200, 403, 200], { json: { type: 'plenary.start', commandId: '{cmd}', topN: 3, budget: 3 } }),
	row('GET /api/meetings/[meetingId]/invitations', '/api/meetings/{meeting}/invitations', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('POST /api/meetings/[meetingId]/invitations', '/api/meetings/{meeting}/invitations', [401, 403, 403, 401, 201, 201, 403, 201], { form: 'naam,email\nJo,jo@matrix.test\n' }),
	row('POST /api/meetings/[meetingId]/invitations/links.csv', '/api/meetings/{meeting}/invitations/links.csv', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('DELETE /api/meetings/[meetingId]/personal-data', '/api/meetings/{meeting}/personal-data', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('GET /api/meetings/[meetingId]/exports/responses.csv', '/api/meetings/{meeting}/exports/responses.csv', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('GET /api/meetings/[meetingId]/exports/responses.xlsx', '/api/meetings/{meeting}/exports/responses.xlsx', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('GET /api/meetings/[meetingId]/report/[format]', '/api/meetings/{meeting}/report/md', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('GET /api/meetings/[meetingId]/report/history/[exportId]', '/api/meetings/{meeting}/report/history/{export}', [401, 403, 403, 401, 200, 200, 403, 200]),
	row('GET /api/tables/[tableId]/cards', '/api/tables/{table}/cards', [401, 200, 403, 401, 200, 200, 403, 200]),
	row('POST /api/tables/[tableId]/cards', '/api/tables/{table}/cards', [401, 201, 403, 401, 201, 201, 403, 201], { json: { commandId: '{cmd}', text: 'Wie betaalt de regio?' } }),
	row('POST /api/tables/[tableId]/commands', '/api/tables/{table}/commands', [401, 200, 403, 401, 200, 200, 403, 200], { json: { type: 'card.add', commandId: '{cmd}', text: 'Wie betaalt de regio?' } }),
	row('GET /api/tables/[tableId]/suggestions', '/api/tables/{table}/suggestions', [401, 200, 403, 401, 200, 200, 403, 200]),
	row('POST /api/tables/[tableId]/seat', '/api/tables/{table}/seat', [401, 200, 404, 401, 403, 403, 403, 403], { json: { commandId: '{cmd}' } }),
	row('GET /api/series-summary/[format]', '/api/series-summary/md?series={series}', [401, 403, 403, 401, 403, 403, 403, 422]),
	row('GET /api/series-summary/history/[exportId]', '/api/series-summary/history/{export}', [401, 403, 403, 401, 403, 403, 403, 404]),
	// realtime rooms
	row('ROOM meeting', 'meeting:{meeting}', [4401, 'open', 4403, 'open', 'open', 'open', 4403, 'open']),
	row('ROOM facilitation', 'facilitation:{meeting}', [4401, 4403, 4403, 4403, 'open', 'open', 4403, 'open']),
	row('ROOM table', 'table:{table}', [4401, 'open', 4403, 'open', 'open', 'open', 4403, 'open']),
	row('ROOM participant', 'participant:{participant}', [4401, 'open', 4403, 4403, 4403, 4403, 4403, 4403])
];
