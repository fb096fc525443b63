import { mapInOrder } from '../in-order.ts';
import { generateNKeysBetween } from 'fractional-indexing';
import type { Db } from '../db/client.ts';
import { pollQuestions, tables, themes } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { newId } from '../ids.ts';
import { insertMeeting } from '../meetings/create-meeting.ts';
import { runCreation } from '../meetings/staff-scope.ts';
import type { MeetingDetails } from '../meetings/meeting-details.ts';
import {
	OPDENKSESSIE_QUESTIONS,
	OPDENKSESSIE_TABLES,
	OPDENKSESSIE_THEMES
} from './opdenksessie.ts';

export type FromTemplateResult =
	{ ok: true; meetingId: string; joinCode: string } | { ok: false; reason: 'not-allowed' };

/** A draft meeting set up as an Opdenksessie: its poll, six tables and three themes, in one transaction. */
export async function createMeetingFromTemplate(
	db: Db,
	actor: Actor | null,
	details: Partial<MeetingDetails> & { title: string },
	now: number
): Promise<FromTemplateResult> {
	const positions = generateNKeysBetween(null, null, OPDENKSESSIE_QUESTIONS.length);
	const outcome = await runCreation(db, actor, now, {
		type: 'meeting.create-from-template',
		payload: { template: 'opdenksessie' },
		async run(tx, staff) {
			const { meetingId, joinCode } = await insertMeeting(tx, details, staff.user.id);
			await mapInOrder(OPDENKSESSIE_TABLES, async (t, position) => {
				await tx.insert(tables)
					.values({ ...t, id: newId(), meetingId, position });
			});
			await mapInOrder(OPDENKSESSIE_THEMES, async (t, position) => {
				await tx.insert(themes)
					.values({ ...t, id: newId(), meetingId, position });
			});
			await mapInOrder(OPDENKSESSIE_QUESTIONS, async (q, i) => {
				await tx.insert(pollQuestions)
					.values({
						id: newId(),
						meetingId,
						key: q.key,
						position: positions[i],
						type: q.type,
						prompt: q.prompt,
						help: q.help ?? null,
						required: q.required,
						options: q.options ?? [],
						maxChoices: q.maxChoices ?? null,
						scaleMin: q.scale?.min ?? null,
						scaleMax: q.scale?.max ?? null,
						scaleMinLabel: q.scale?.minLabel ?? null,
						scaleMaxLabel: q.scale?.maxLabel ?? null,
						allowExplanation: q.allowExplanation,
						updatedAt: now
					});
			});
			return { ok: true, result: { meetingId, joinCode } };
		}
	});
	return outcome.ok ? { ok: true, ...outcome.result } : { ok: false, reason: 'not-allowed' };
}
