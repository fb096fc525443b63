import { beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { pollQuestions, QUESTION_TYPES, themes } from '../../src/lib/server/db/schema.ts';
import { createMeetingFromTemplate } from '../../src/lib/server/templates/create-from-template.ts';
import { OPDENKSESSIE_QUESTIONS } from '../../src/lib/server/templates/opdenksessie.ts';
import { getMeeting, listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('the Opdenksessie template', () => {
	it('has valid questions with unique, stable keys covering the seed poll', () => {
		const keys = OPDENKSESSIE_QUESTIONS.map((q) => q.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const key of [
			'positie-governance',
			'regie-kwaliteit',
			'regionale-context',
			'urgente-vraagstukken'
		]) {
			expect(keys).toContain(key);
		}
		for (const q of OPDENKSESSIE_QUESTIONS) {
			expect(q.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
			expect(QUESTION_TYPES).toContain(q.type);
			expect(q.prompt.length).toBeGreaterThan(10);
			if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') {
				const ids = q.options!.map((o) => o.id);
				expect(new Set(ids).size, q.key).toBe(ids.length);
				expect(ids.length).toBeGreaterThanOrEqual(q.type === 'ranking' ? 5 : 2);
			}
			if (q.type === 'scale') expect(q.scale!.max).toBeGreaterThan(q.scale!.min);
		}
		const ranking = OPDENKSESSIE_QUESTIONS.find((q) => q.type === 'ranking')!;
		expect(ranking.options!.length).toBeLessThanOrEqual(7);
		expect(ranking.allowExplanation).toBe(true);
		expect(OPDENKSESSIE_QUESTIONS.some((q) => q.type === 'text')).toBe(true);
	});

	it('creates a draft with the poll in order, six tables with topics and three coloured themes', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId });
		const result = await createMeetingFromTemplate(db, actor, { title: 'Opdenksessie najaar' }, 1234);
		if (!result.ok) throw new Error(result.reason);
		expect(await getMeeting(db, result.meetingId)).toMatchObject({ status: 'draft', createdBy: userId });
		const tables = await listMeetingTables(db, result.meetingId);
		expect(tables).toHaveLength(6);
		for (const t of tables) expect(t.topic).toBeTruthy();
		const rows = await db
			.select()
			.from(themes)
			.where(eq(themes.meetingId, result.meetingId))
			.orderBy(asc(themes.position));
		expect(rows.map((t) => t.name)).toEqual(['Governance', 'Financiën', 'Kwaliteit']);
		for (const t of rows) expect(t.color).toMatch(/^#[0-9a-f]{6}$/);
		const questions = await db
			.select()
			.from(pollQuestions)
			.where(eq(pollQuestions.meetingId, result.meetingId));
		const byPosition = [...questions].sort((a, b) => (a.position < b.position ? -1 : 1));
		expect(byPosition.map((q) => q.key)).toEqual(OPDENKSESSIE_QUESTIONS.map((q) => q.key));
		expect(questions.every((q) => q.updatedAt === 1234)).toBe(true);
	});

	it('is refused to participants and the signed-out', async () => {
		const { joinCode } = await facilitatorWithMeeting(db);
		const p = await joinAs(db, joinCode, 'Anna');
		const { actor } = await signIn(db, { participantId: p.participantId });
		expect(await createMeetingFromTemplate(db, actor, { title: 'X' }, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(await createMeetingFromTemplate(db, null, { title: 'X' }, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
	});
});
