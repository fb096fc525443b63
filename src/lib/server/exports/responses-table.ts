import { insertionOrder } from '../db/dialect-sql.ts';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	participants,
	partnerships,
	pollQuestions,
	pollResponses,
	regions,
	type QuestionOption
} from '../db/schema.ts';
import type { Cell } from '../csv/formula.ts';

// The raw responses of one meeting as a table: one row per participant who answered, one column per
// question (and one per explanation). Participant columns only in named meetings: an anonymous
// meeting's export numbers its rows and carries nothing that identifies anyone.

export interface ExportLabels {
	participant: string;
	name: string;
	partnership: string;
	sector: string;
	region: string;
	explanation(prompt: string): string;
}

export interface ResponsesTable {
	header: string[];
	rows: Cell[][];
}

type Question = typeof pollQuestions.$inferSelect;

/** One answer as text (choices by label, a ranking as "1. A; 2. B") or as a number (scale). */
export function formatAnswer(question: Pick<Question, 'type' | 'options'>, value: unknown): Cell {
	const label = (id: unknown) =>
		question.options.find((o: QuestionOption) => o.id === id)?.label ?? String(id);
	const list = Array.isArray(value) ? value : value == null ? [] : [value];
	switch (question.type) {
		case 'single':
		case 'multiple':
			return list.map(label).join('; ');
		case 'ranking':
			return list.map((id, i) => `${i + 1}. ${label(id)}`).join('; ');
		case 'scale':
			return typeof value === 'number'
				? value
				: Number.isFinite(Number(value))
					? Number(value)
					: String(value ?? '');
		case 'text':
			return typeof value === 'string' ? value : String(value ?? '');
	}
}

export async function buildResponsesTable(
	db: Db,
	meeting: { id: string; anonymous: boolean },
	labels: ExportLabels
): Promise<ResponsesTable> {
	const questions = (await db
		.select()
		.from(pollQuestions)
		.where(eq(pollQuestions.meetingId, meeting.id)))
		.sort((a, b) =>
			a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1
		);
	const responses = await db
		.select()
		.from(pollResponses)
		.where(eq(pollResponses.meetingId, meeting.id));
	const answered = [...new Set(responses.map((r) => r.participantId))];
	const people = answered.length
		? await db
				.select({
					id: participants.id,
					displayName: participants.displayName,
					partnership: partnerships.name,
					partnershipOther: participants.partnershipOther,
					sector: participants.sector,
					region: regions.name
				})
				.from(participants)
				.leftJoin(partnerships, eq(partnerships.id, participants.partnershipId))
				.leftJoin(regions, eq(regions.id, participants.regionId))
				.where(inArray(participants.id, answered))
				// Same creation time (one millisecond): insertion order, not the random ids.
				.orderBy(asc(participants.createdAt), insertionOrder(participants))
		: [];
	const byKey = new Map(responses.map((r) => [`${r.participantId}:${r.questionId}`, r]));

	const header = meeting.anonymous
		? [labels.participant]
		: [labels.name, labels.partnership, labels.sector, labels.region];
	for (const q of questions) {
		header.push(q.prompt);
		if (q.allowExplanation) header.push(labels.explanation(q.prompt));
	}
	const rows = people.map((p, i) => {
		const row: Cell[] = meeting.anonymous
			? [i + 1]
			: [p.displayName, p.partnership ?? p.partnershipOther, p.sector, p.region];
		for (const q of questions) {
			const r = byKey.get(`${p.id}:${q.id}`);
			row.push(r ? formatAnswer(q, r.value) : '');
			if (q.allowExplanation) row.push(r?.explanation ?? '');
		}
		return row;
	});
	return { header, rows };
}
