import { first } from '../../src/lib/server/db/query.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client.ts';
import { participants, regions } from '../../src/lib/server/db/schema.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { addQuestion } from '../../src/lib/server/polls/add-question.ts';
import { newId } from '../../src/lib/server/ids.ts';
import { facilitatorWithMeeting, joinAs, signIn } from './fixtures.ts';

let counter = 0;
/** A fresh command id. */
export function cmd(): string {
	return `poll-cmd-${process.pid}-${++counter}`;
}

/** A poll like seed 002's, made through the builder command: one question of each type. */
export const SAMPLE_QUESTIONS = [
	{
		key: 'positie',
		type: 'single',
		prompt: 'Waar staat jullie partnerschap in de governance?',
		allowExplanation: true,
		options: [
			{ id: 'kern', label: 'In de kern' },
			{ id: 'rand', label: 'Aan de rand' },
			{ id: 'buiten', label: 'Erbuiten' }
		]
	},
	{
		key: 'regie',
		type: 'multiple',
		prompt: 'Wie houdt de regie op kwaliteit?',
		maxChoices: 2,
		options: [
			{ id: 'po', label: 'Besturen' },
			{ id: 'lo', label: 'Lerarenopleidingen' },
			{ id: 'regio', label: 'De regio' }
		]
	},
	{
		key: 'urgent',
		type: 'ranking',
		prompt: 'Wat is het meest urgent?',
		options: [
			{ id: 'geld', label: 'Financiering' },
			{ id: 'tijd', label: 'Tijd' },
			{ id: 'mensen', label: 'Mensen' }
		]
	},
	{
		key: 'tevreden',
		type: 'scale',
		prompt: 'Hoe tevreden ben je over de samenwerking?',
		scaleMax: 5
	},
	{ key: 'wens', type: 'text', prompt: 'Wat wil je nog kwijt?', required: false }
] as const;

/** A meeting with the sample poll, its facilitator, and participants with a sector and a region. */
export async function meetingWithPoll(
	db: Db,
	people: Array<{ name: string; sector?: 'po' | 'vo' | 'mbo'; region?: string }> = []
) {
	const m = await facilitatorWithMeeting(db);
	const facilitator = (await signIn(db, { userId: m.userId })).actor;
	const questions: Record<string, string> = {};
	for (const q of SAMPLE_QUESTIONS) {
		const r = await addQuestion(db, facilitator, m.meetingId, { commandId: cmd(), ...q }, Date.now());
		if (!r.ok) throw new Error(`addQuestion: ${JSON.stringify(r)}`);
		questions[q.key] = r.value.question.id;
	}
	const joined: Array<{ id: string; actor: Actor; token: string }> = [];
	for (const p of people) {
		const { participantId } = await joinAs(db, m.joinCode, p.name);
		let regionId: string | null = null;
		if (p.region) {
			regionId = (await first(db.select().from(regions).where(eq(regions.name, p.region))))?.id ?? null;
			if (!regionId) {
				regionId = newId();
				await db.insert(regions).values({ id: regionId, name: p.region });
			}
		}
		await db.update(participants)
			.set({ sector: p.sector ?? 'po', regionId })
			.where(eq(participants.id, participantId));
		const session = await signIn(db, { participantId });
		joined.push({ id: participantId, actor: session.actor, token: session.token });
	}
	return { ...m, facilitator, questions, people: joined };
}

/** A full, valid set of answers to the sample poll. */
export function fullAnswers(q: Record<string, string>, pick: 0 | 1 | 2 = 0) {
	const single = ['kern', 'rand', 'buiten'][pick];
	return [
		{
			questionId: q.positie,
			value: single,
			explanation: pick === 0 ? 'We zitten aan tafel' : undefined
		},
		{ questionId: q.regie, value: pick === 2 ? ['regio'] : ['po', 'lo'] },
		{
			questionId: q.urgent,
			value: pick === 1 ? ['tijd', 'geld', 'mensen'] : ['geld', 'tijd', 'mensen']
		},
		{ questionId: q.tevreden, value: 3 + pick },
		{ questionId: q.wens, value: pick === 0 ? 'Meer tijd om samen te leren' : '' }
	];
}
