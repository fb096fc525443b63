import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import {
	REFUSAL_REASONS,
	REFUSALS,
	refuse,
	type Refusal
} from '../../src/lib/server/commands/refusals.ts';
import { jsonCommand } from '../../src/lib/server/http/json-door.ts';
import { formCommand } from '../../src/lib/server/http/form-door.ts';
import { refusalText } from '../../src/lib/server/http/command-reply.ts';

// Every refusal reason the domain can give, through both doors: the JSON endpoint adapter and the
// form-action adapter answer with the one status the refusal table names for it.

const actor = {
	kind: 'participant',
	participant: { id: 'p1', meetingId: 'm1', tableId: null, displayName: 'Anna', anonymousMeeting: false }
} as unknown as Actor;

function jsonRequest(body: unknown): Request {
	return new Request('http://localhost/api/x', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

function refusalOf(reason: (typeof REFUSAL_REASONS)[number]): Refusal {
	if (reason === 'invalid') return refuse('invalid', { text: 'text-required' });
	if (reason === 'needs-confirmation') return { ok: false, reason, affectedResponses: 3 };
	return refuse(reason);
}

describe('one table of refusals, two doors', () => {
	it.each(REFUSAL_REASONS)('refuses %s with the same status through the endpoint and the form', async (reason) => {
		const refusal = refusalOf(reason);
		const viaJson = await jsonCommand({ locals: { actor } as App.Locals, request: jsonRequest({}) }, async () => refusal);
		const viaForm = await formCommand(actor, async () => refusal, { done: () => ({ ok: true }) });
		expect(viaJson.status).toBe(REFUSALS[reason].status);
		expect((await viaJson.json()).error).toBe(reason);
		expect('status' in viaForm ? viaForm.status : null).toBe(REFUSALS[reason].status);
	});

	it('gives every status a meaning: no refusal answers 200 or 500, only an unreachable database 503', () => {
		for (const reason of REFUSAL_REASONS) {
			expect(REFUSALS[reason].status).toBeGreaterThanOrEqual(400);
			if (reason === 'database-unavailable') expect(REFUSALS[reason].status).toBe(503);
			else expect(REFUSALS[reason].status).toBeLessThan(500);
		}
	});

	it('refuses a visitor who is not signed in at both doors alike, before the command runs', async () => {
		let ran = 0;
		const run = async () => {
			ran++;
			return { ok: true as const, replayed: false, body: {} };
		};
		const viaJson = await jsonCommand({ locals: { actor: null } as App.Locals, request: jsonRequest({}) }, run);
		const viaForm = await formCommand(null, run, { done: () => ({ ok: true }) });
		expect(viaJson.status).toBe(401);
		expect('status' in viaForm ? viaForm.status : null).toBe(401);
		expect(ran).toBe(0);
	});
});

describe('the JSON door reads bodies strictly', () => {
	const call = (request: Request) =>
		jsonCommand({ locals: { actor } as App.Locals, request }, async () => ({ ok: true, replayed: false, body: {} }));

	it('answers 413, not 400, to a body over the limit', async () => {
		const big = new Request('http://localhost/api/x', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text: 'x'.repeat(300_000) })
		});
		expect((await call(big)).status).toBe(413);
	});

	it('does not take application/jsonp (or text/plain) for JSON', async () => {
		for (const type of ['application/jsonp', 'text/plain', 'application/json-seq']) {
			const req = new Request('http://localhost/api/x', {
				method: 'POST',
				headers: { 'content-type': type },
				body: '{}'
			});
			expect((await call(req)).status).toBe(400);
		}
		const charset = new Request('http://localhost/api/x', {
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: '{}'
		});
		expect((await call(charset)).status).toBe(200);
	});

	it('sends Retry-After with 429', async () => {
		const res = await jsonCommand({ locals: { actor } as App.Locals, request: jsonRequest({}) }, async () =>
			refuse('too-many-attempts')
		);
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

describe('refusals that carry a detail', () => {
	it('names how many chose a region in use, and which columns a CSV lacks', () => {
		const inUse = refusalText({ ...refuse('region-in-use'), count: 3 });
		expect(inUse.status).toBe(409);
		expect(inUse.message).toMatch(/3/);
		const columns = refusalText({ ...refuse('csv-missing-columns'), columns: ['regions'] });
		expect(columns.status).toBe(422);
		expect(columns.message).toMatch(/regions/);
	});
});
