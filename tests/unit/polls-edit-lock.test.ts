import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { updateQuestion } from '../../src/lib/server/polls/update-question.ts';
import { removeQuestion } from '../../src/lib/server/polls/remove-question.ts';
import { submitAnswers } from '../../src/lib/server/polls/submit-answers.ts';
import { listQuestionRows, toQuestionView } from '../../src/lib/server/polls/poll-queries.ts';
import { pollResponses } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const question = async (meetingId: string, id: string) =>
	toQuestionView((await listQuestionRows(db, meetingId)).find((q) => q.id === id)!);
/** The question's definition as the builder sends it back, with changes. */
const edited = async (meetingId: string, id: string, changes: object) => ({
	...(await question(meetingId, id)),
	commandId: cmd(),
	...changes
});

describe('editing after the first answer', () => {
	async function answered() {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }, { name: 'Bram' }]);
		await submitAnswers(
			db,
			p.people[0].actor,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions, 0) },
			1
		);
		await submitAnswers(
			db,
			p.people[1].actor,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions, 1) },
			1
		);
		return p;
	}

	it('edits anything freely while a question has no answers', async () => {
		const p = await meetingWithPoll(db);
		const r = await updateQuestion(
			db,
			p.facilitator,
			p.meetingId,
			p.questions.positie,
			await edited(p.meetingId, p.questions.positie, {
				type: 'multiple',
				options: [{ label: 'Ja' }, { label: 'Nee' }]
			}),
			1
		);
		expect(r).toMatchObject({
			ok: true,
			value: { deletedResponses: 0, question: { type: 'multiple' } }
		});
	});

	it('lets wording change after answers: prompt, option labels, scale labels', async () => {
		const p = await answered();
		const options = (await question(p.meetingId, p.questions.positie)).options.map((o) => ({
			...o,
			label: `${o.label}!`
		}));
		expect(
			await updateQuestion(
				db,
				p.facilitator,
				p.meetingId,
				p.questions.positie,
				await edited(p.meetingId, p.questions.positie, { prompt: 'Nieuwe woorden', options }),
				1
			)
		).toMatchObject({ ok: true });
		expect(
			await updateQuestion(
				db,
				p.facilitator,
				p.meetingId,
				p.questions.tevreden,
				await edited(p.meetingId, p.questions.tevreden, { scaleMaxLabel: 'Heel' }),
				1
			)
		).toMatchObject({ ok: true });
		expect(await db.select().from(pollResponses)).toHaveLength(9);
	});

	it('asks for confirmation, with the number of answers it deletes, before removing an answered option', async () => {
		const p = await answered();
		const options = (await question(p.meetingId, p.questions.positie)).options.filter(
			(o) => o.id !== 'kern'
		);
		const change = await edited(p.meetingId, p.questions.positie, { options });
		expect(await updateQuestion(db, p.facilitator, p.meetingId, p.questions.positie, change, 1)).toEqual({
			ok: false,
			reason: 'needs-confirmation',
			affectedResponses: 1
		});
		const done = await updateQuestion(
			db,
			p.facilitator,
			p.meetingId,
			p.questions.positie,
			{ ...change, commandId: cmd(), confirm: true },
			1
		);
		expect(done).toMatchObject({ ok: true, value: { deletedResponses: 1 } });
		expect(done.ok && done.change?.removedBallotIds).toHaveLength(1);
		const left = await db
			.select()
			.from(pollResponses)
			.where(eq(pollResponses.questionId, p.questions.positie));
		expect(left.map((r) => r.value)).toEqual([['rand']]);
	});

	it('deletes every answer of a question whose type changes, and those out of a new scale range', async () => {
		const p = await answered();
		const toText = await edited(p.meetingId, p.questions.regie, { type: 'text', options: [] });
		expect(await updateQuestion(db, p.facilitator, p.meetingId, p.questions.regie, toText, 1)).toEqual({
			ok: false,
			reason: 'needs-confirmation',
			affectedResponses: 2
		});
		const wider = await edited(p.meetingId, p.questions.tevreden, { scaleMax: 10, confirm: true });
		expect(
			await updateQuestion(db, p.facilitator, p.meetingId, p.questions.tevreden, wider, 1)
		).toMatchObject({ ok: true, value: { deletedResponses: 0 } });
	});

	it('removes an answered question only when confirmed, answers and all', async () => {
		const p = await answered();
		expect(
			await removeQuestion(db, p.facilitator, p.meetingId, p.questions.urgent, { commandId: cmd() }, 1)
		).toEqual({ ok: false, reason: 'needs-confirmation', affectedResponses: 2 });
		expect(
			await removeQuestion(
				db,
				p.facilitator,
				p.meetingId,
				p.questions.urgent,
				{ commandId: cmd(), confirm: true },
				1
			)
		).toMatchObject({ ok: true, value: { deletedResponses: 2 } });
		expect(
			await db.select().from(pollResponses).where(eq(pollResponses.questionId, p.questions.urgent))
		).toEqual([]);
	});
});
