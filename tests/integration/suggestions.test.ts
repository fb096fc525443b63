import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { commandId } from '../helpers/it-fixture.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { cards, commandLog, tables as tablesT, themes } from '../../src/lib/server/db/schema.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { confidentSuggestions, meetingMoves, tableSuggestions } from '../../src/lib/server/boards/table-suggestions.ts';
import { themeReasonLabels } from '../../src/lib/i18n/theme-labels.ts';
import { saveTheme, themeWordsText } from '../../src/lib/server/meetings/manage-themes.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// Theme suggestions on a table's board: who may read them (default deny), the facilitator's "accept
// all" as one command with one undo, and learning fed from the meeting's moves in the command log.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let tableId: string;
let otherTableId: string;
let facilitator: { token: string; actor: Actor };
let otherFacilitator: { token: string; actor: Actor };
let participant: { token: string; actor: Actor };
let themeId: Record<string, string>;

const FINANCE = 'Wie betaalt de uren van de werkplekbegeleiders als de subsidie stopt?';
const QUALITY = 'Hoe borgen we de kwaliteit van de begeleiding op de werkvloer?';
const GOVERNANCE = 'Wie beslist er over de samenwerking tussen de partners in de stuurgroep?';
const VAGUE = 'Wat vinden we hiervan?';

function run(actor: Actor, input: Record<string, unknown>, table = tableId) {
	return runTableCommand(db, actor, table, { commandId: commandId(), ...input }, Date.now());
}

async function add(actor: Actor, text: string): Promise<string> {
	// Cards are written in the collect phase; the board goes back to sorting right after.
	const phase = (await first(db.select({ p: tablesT.phase }).from(tablesT).where(eq(tablesT.id, tableId))))!.p;
	if (phase !== 'collect') expect((await run(facilitator.actor, { type: 'phase.set', phase: 'collect' })).ok).toBe(true);
	const r = await run(actor, { type: 'card.add', text });
	if (phase !== 'collect') expect((await run(facilitator.actor, { type: 'phase.set', phase })).ok).toBe(true);
	if (!r.ok) throw new Error(`add failed: ${JSON.stringify(r)}`);
	return (r.result as { card: { id: string } }).card.id;
}

const themeOf = async (id: string) => (await first(db.select({ t: cards.themeId }).from(cards).where(eq(cards.id, id))))!.t;

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const owner = await facilitatorWithMeeting(db);
	meetingId = owner.meetingId;
	tableId = owner.tableId;
	otherTableId = await addTable(db, meetingId);
	facilitator = await signIn(db, { userId: owner.userId });
	otherFacilitator = await signIn(db, { userId: (await facilitatorWithMeeting(db)).userId });
	const joined = await joinAs(db, owner.joinCode, 'Pim');
	participant = await signIn(db, { participantId: joined.participantId });
	themeId = Object.fromEntries(
		(await db.select().from(themes).where(eq(themes.meetingId, meetingId))).map((t) => [t.name, t.id])
	);
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('reading suggestions', () => {
	let tableOfParticipant: string;
	beforeAll(() => {
		tableOfParticipant = (participant.actor as Extract<Actor, { kind: 'participant' }>).participant.tableId!;
	});

	const get = (table: string, token: string | null) =>
		fetch(`${app.url}/api/tables/${table}/suggestions`, {
			headers: token ? { cookie: `denktafel_session=${token}` } : {}
		});

	it('refuses the signed-out, facilitators of other meetings and participants of other tables', async () => {
		expect((await get(tableId, null)).status).toBe(401);
		expect((await get(tableId, otherFacilitator.token)).status).toBe(403);
		const elsewhere = tableOfParticipant === tableId ? otherTableId : tableId;
		expect((await get(elsewhere, participant.token)).status).toBe(403);
		expect((await get('nosuchtableaaaaaa', facilitator.token)).status).toBe(404);
	});

	it('gives the table’s participants and its facilitator a suggestion with its reason for each unsorted card', async () => {
		const finance = await add(participant.actor, FINANCE);
		const vague = await add(participant.actor, VAGUE);
		for (const token of [participant.token, facilitator.token]) {
			const res = await get(tableOfParticipant, token);
			expect(res.status).toBe(200);
			const body = (await res.json()) as { suggestions: Array<{ cardId: string; kind: string; themeId: string | null; reason: string }> };
			const f = body.suggestions.find((s) => s.cardId === finance)!;
			expect(f).toMatchObject({ kind: 'theme', themeId: themeId['Financiën'] });
			expect(f.reason).toMatch(/^Financiën — herkend: /);
			const v = body.suggestions.find((s) => s.cardId === vague)!;
			expect(v.kind).not.toBe('theme');
			expect(v.reason).toMatch(/geen themawoorden herkend|twijfel tussen|te weinig themawoorden/);
		}
		// The cards of this test go away so the next tests start from an empty board.
		await run(participant.actor, { type: 'card.withdraw', cardId: finance }, tableOfParticipant);
		await run(participant.actor, { type: 'card.withdraw', cardId: vague }, tableOfParticipant);
	});
});

describe('accepting all confident suggestions', () => {
	let table: string;
	beforeAll(async () => {
		table = (participant.actor as Extract<Actor, { kind: 'participant' }>).participant.tableId!;
		tableId = table;
		expect((await run(facilitator.actor, { type: 'phase.set', phase: 'cluster' })).ok).toBe(true);
	});

	it('moves every still-confident card in one command that one undo takes back', async () => {
		const f = await add(participant.actor, FINANCE);
		const q = await add(participant.actor, QUALITY);
		const g = await add(participant.actor, GOVERNANCE);
		const vague = await add(participant.actor, VAGUE);
		const seen = await confidentSuggestions(db, table, meetingId);
		expect(seen.map((c) => c.cardId).sort()).toEqual([f, q, g].sort());

		// A participant sorts one of them before the facilitator presses the button: that one stays.
		expect((await run(participant.actor, { type: 'card.move', cardId: g, themeId: themeId['Kwaliteit'], suggestedThemeId: themeId['Governance'] })).ok).toBe(true);
		const before = (await db.select().from(commandLog)).length;
		const result = await run(facilitator.actor, {
			type: 'cards.accept-suggestions',
			accept: [...seen, { cardId: vague, themeId: themeId['Financiën'] }]
		});
		expect(result).toMatchObject({ ok: true, result: { moved: 2, skipped: 2 } });
		expect((await db.select().from(commandLog)).length).toBe(before + 1);
		expect(await themeOf(f)).toBe(themeId['Financiën']);
		expect(await themeOf(q)).toBe(themeId['Kwaliteit']);
		expect(await themeOf(g)).toBe(themeId['Kwaliteit']);
		expect(await themeOf(vague)).toBeNull();

		expect(await run(facilitator.actor, { type: 'command.undo' })).toMatchObject({ ok: true, result: { undoneType: 'cards.accept-suggestions' } });
		expect(await themeOf(f)).toBeNull();
		expect(await themeOf(q)).toBeNull();
		expect(await themeOf(g)).toBe(themeId['Kwaliteit']);
	});

	it('refuses when nothing of the list is confidently suggested any more, and refuses participants', async () => {
		const vague = await add(participant.actor, 'Hoe gaat het verder met het weer?');
		expect(await run(facilitator.actor, { type: 'cards.accept-suggestions', accept: [{ cardId: vague, themeId: themeId['Governance'] }] })).toMatchObject({
			ok: false,
			reason: 'changed-since'
		});
		expect(await run(participant.actor, { type: 'cards.accept-suggestions', accept: await confidentSuggestions(db, table, meetingId) })).toMatchObject({
			ok: false,
			reason: 'not-allowed'
		});
	});
});

describe('learning within the meeting', () => {
	it('reads moves against a suggestion from the log and says so in the reason', async () => {
		const table = tableId;
		const text = 'Hoe organiseren we de ouderavond voor de nieuwe instroom?';
		// People put two such cards in Governance, against what the board suggested.
		for (const t of ['Wie organiseert de ouderavond?', 'Organiseren we samen de ouderavond?']) {
			const id = await add(participant.actor, t);
			const s = (await tableSuggestions(db, table, meetingId, themeReasonLabels('nl'))).suggestions.find((x) => x.cardId === id)!;
			expect((await run(participant.actor, { type: 'card.move', cardId: id, themeId: themeId['Governance'], suggestedThemeId: s.themeId })).ok).toBe(true);
		}
		const moves = await meetingMoves(db, meetingId);
		expect(moves.filter((m) => m.chosenThemeId === themeId['Governance'] && /ouderavond/.test(m.text))).toHaveLength(2);
		const id = await add(participant.actor, text);
		const after = (await tableSuggestions(db, table, meetingId, themeReasonLabels('nl'))).suggestions.find((x) => x.cardId === id)!;
		expect(after.learned).toBe(true);
		expect(after.reason).toContain('geleerd in deze sessie');
	});
});

describe('themes carry their words', () => {
	it('a theme added with a few words is suggested at once, and its words can be read back and changed', async () => {
		const saved = await saveTheme(
			db,
			facilitator.actor,
			meetingId,
			null,
			{ name: 'Inclusie', color: '#6a1b9a', description: 'Gelijke kansen voor iedere student', words: 'diversiteit, kansengelijkheid; toegankelijk, beperking, passend onderwijs~' },
			Date.now()
		);
		expect(saved.ok).toBe(true);
		const row = (await first(db.select().from(themes).where(eq(themes.name, 'Inclusie'))))!;
		expect(row.description).toBe('Gelijke kansen voor iedere student');
		expect(themeWordsText(row.words)).toBe('diversiteit, kansengelijkheid, toegankelijk, beperking, passend onderwijs~');
		const id = await add(participant.actor, 'Hoe maken we de opleiding toegankelijk voor studenten met een beperking?');
		const s = (await tableSuggestions(db, tableId, meetingId, themeReasonLabels('nl'))).suggestions.find((x) => x.cardId === id)!;
		expect(s).toMatchObject({ kind: 'theme', themeId: row.id });
		expect(s.reason).toMatch(/^Inclusie — herkend: .*toegankelijk/);

		// Renaming without the word fields (another form) keeps the words; a too long list is refused.
		expect((await saveTheme(db, facilitator.actor, meetingId, row.id, { name: 'Inclusie en kansen', color: '#6a1b9a' }, Date.now())).ok).toBe(true);
		expect((await first(db.select().from(themes).where(eq(themes.id, row.id))))!.words).toHaveLength(5);
		expect(await saveTheme(db, facilitator.actor, meetingId, row.id, { name: 'Inclusie', color: '#6a1b9a', words: 'x, '.repeat(1001) }, Date.now())).toMatchObject({ ok: false });
	});
});

describe('duplicate hints', () => {
	it('cards that say nearly the same thing are hinted with their shared words, other cards not', async () => {
		const a = await add(participant.actor, 'Subsidie samen opleiden loopt af');
		const b = await add(participant.actor, 'De subsidie voor samen opleiden loopt af!');
		const c = await add(participant.actor, 'Hoe borgen we de kwaliteit van het mentoraat?');
		const { duplicates } = await tableSuggestions(db, tableId, meetingId, themeReasonLabels('nl'));
		const group = duplicates.find((g) => g.cardIds.includes(a));
		expect(group?.cardIds).toContain(b);
		expect(group?.cardIds).not.toContain(c);
		expect(group?.sharedWords.join(' ')).toMatch(/subsidie/i);
	});
});
