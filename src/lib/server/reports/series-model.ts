import { mapInOrder } from '../in-order.ts';
import { first } from '../db/query.ts';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings, series } from '../db/schema.ts';
import { ranked, topItems, type RankedItem } from '../../realtime/ranking.ts';
import type { QuestionResult } from '../../realtime/poll-results.ts';
import { buildMeetingReport, type MeetingReport, type ReportCard } from './report-model.ts';
import { groupSaid, saidInputs, type SaidGroup } from './said-groups.ts';

// The Platform's summary of a series (or of a hand-picked set of meetings): built from the meetings'
// own report models, so every number is the one their reports show.

export interface SeriesMeetingRow {
	id: string;
	title: string;
	startsAt: number | null;
	participants: number;
	respondents: number;
	anonymous: boolean;
}

/** The same question (by its stable key) asked in several meetings, side by side. */
export interface ComparedQuestion {
	key: string;
	prompt: string;
	type: QuestionResult['type'];
	/** Per meeting, in meeting order; options matched by label across meetings. */
	meetings: Array<{ meetingId: string; title: string; respondents: number; result: QuestionResult }>;
	/** For choice questions: each option's share per meeting (same order as `meetings`), so a shift shows. */
	shares: Array<{ label: string; shares: Array<number | null> }>;
	/** Open answers or explanations of all these meetings grouped together; who = the meeting's title (no names). */
	said: Array<SaidGroup<string>>;
}

export interface SeriesQuestion extends ReportCard {
	meeting: string;
	table: string;
	cluster: string | null;
}

export interface SeriesSummary {
	title: string;
	meetings: SeriesMeetingRow[];
	compared: ComparedQuestion[];
	/** All key questions of the series, per theme name (unsorted last), most votes first. */
	byTheme: Array<{ theme: string | null; questions: SeriesQuestion[] }>;
	top: Array<RankedItem & { table: string; meeting: string }>;
}

export const SERIES_TOP = 15;

function choiceShares(results: QuestionResult[]): ComparedQuestion['shares'] {
	const labels: string[] = [];
	for (const r of results) {
		if (r.type !== 'single' && r.type !== 'multiple') return [];
		for (const o of r.options) if (!labels.includes(o.label)) labels.push(o.label);
	}
	return labels.map((label) => ({
		label,
		shares: results.map((r) => (r.type === 'single' || r.type === 'multiple' ? (r.options.find((o) => o.label === label)?.share ?? null) : null))
	}));
}

/** Summarises meetings in the order given (by date when they come from a series). */
export async function buildSeriesSummary(db: Db, title: string, meetingIds: readonly string[]): Promise<SeriesSummary> {
	const reports = (await mapInOrder(meetingIds, (id) => buildMeetingReport(db, id))).filter((r): r is MeetingReport => r !== null);
	const byKey = new Map<string, ComparedQuestion>();
	for (const report of reports) {
		for (const q of report.poll) {
			const entry = byKey.get(q.question.key) ?? {
				key: q.question.key,
				prompt: q.question.prompt,
				type: q.result.type,
				meetings: [],
				shares: [],
				said: []
			};
			entry.meetings.push({ meetingId: report.meeting.id, title: report.meeting.title, respondents: q.result.respondents, result: q.result });
			byKey.set(q.question.key, entry);
		}
	}
	const compared = Array.from(byKey.values())
		.filter((q) => q.meetings.length > 1)
		.map((q) => ({
			...q,
			shares: choiceShares(q.meetings.map((m) => m.result)),
			said: groupSaid(q.meetings.flatMap((m) => saidInputs(m.result).map((input) => ({ ...input, who: m.title }))))
		}));

	const themes = new Map<string | null, SeriesQuestion[]>();
	for (const report of reports) {
		for (const table of report.tables) {
			for (const group of table.themes) {
				const name = group.theme?.name ?? null;
				const list = themes.get(name) ?? [];
				const at = { meeting: report.meeting.title, table: table.name };
				for (const cluster of group.clusters) for (const card of cluster.cards) list.push({ ...card, ...at, cluster: cluster.name });
				for (const card of group.cards) list.push({ ...card, ...at, cluster: null });
				themes.set(name, list);
			}
		}
	}
	const byTheme = Array.from(themes, ([theme, questions]) => ({ theme, questions: questions.sort((a, b) => b.votes - a.votes) })).sort(
		(a, b) => (a.theme === null ? 1 : b.theme === null ? -1 : a.theme.localeCompare(b.theme, 'nl'))
	);
	const everything = ranked(reports.flatMap((r) => r.allItems.map((item) => ({ ...item, meeting: r.meeting.title }))));
	return {
		title,
		meetings: reports.map((r) => ({
			id: r.meeting.id,
			title: r.meeting.title,
			startsAt: r.meeting.startsAt,
			participants: r.participation.participants,
			respondents: r.participation.respondents,
			anonymous: r.meeting.anonymous
		})),
		compared,
		byTheme,
		top: topItems(everything, SERIES_TOP)
	};
}

/** The meetings of a series, oldest first (undated last); null when there is no such series. */
export async function seriesMeetingIds(db: Db, seriesId: string): Promise<{ title: string; meetingIds: string[] } | null> {
	const row = await first(db.select().from(series).where(eq(series.id, seriesId)));
	if (!row) return null;
	const list = await db
		.select({ id: meetings.id, startsAt: meetings.startsAt, createdAt: meetings.createdAt })
		.from(meetings)
		.where(eq(meetings.seriesId, seriesId))
		.orderBy(asc(meetings.startsAt), asc(meetings.createdAt));
	const dated = list.filter((m) => m.startsAt !== null);
	const undated = list.filter((m) => m.startsAt === null);
	return { title: row.title, meetingIds: [...dated, ...undated].map((m) => m.id) };
}

/** Keeps only ids of meetings that exist, in the order given. */
export async function existingMeetings(db: Db, ids: readonly string[]): Promise<string[]> {
	if (ids.length === 0) return [];
	const found = new Set((await db.select({ id: meetings.id }).from(meetings).where(inArray(meetings.id, ids as string[]))).map((m) => m.id));
	return ids.filter((id) => found.has(id));
}
