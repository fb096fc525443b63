import { mapInOrder } from '../in-order.ts';
import { first } from '../db/query.ts';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetingFacilitators, meetings, participants, pollResponses, regions, series, users } from '../db/schema.ts';
import { cardTallies, listBoardCards, listClusters, listThemes } from '../boards/board-view.ts';
import { listMeetingTables } from '../meetings/queries.ts';
import { listBallots, pollSnapshot } from '../polls/poll-queries.ts';
import { loadPlenaryView } from '../plenary/plenary-round.ts';
import { aggregateQuestion, type QuestionResult } from '../../realtime/poll-results.ts';
import type { PollQuestionView } from '../../realtime/meeting-doc.ts';
import { rankItems, ranked, topItems, type RankedItem } from '../../realtime/ranking.ts';
import type { PlenaryItemView } from '../../realtime/plenary-doc.ts';
import { saidOf, type Origin, type SaidGroup } from './said-groups.ts';

// The one model every report format is built from (preview, PDF, DOCX, Markdown). Plain data, read
// from SQL; anonymous meetings carry no name anywhere in it.

export interface ReportCard {
	text: string;
	votes: number;
	/** Named meetings only. */
	author: string | null;
	/** Duplicates merged into it, with their authors (named meetings only). */
	merged: Array<{ text: string; author: string | null }>;
}

export interface ReportCluster {
	name: string;
	votes: number;
	cards: ReportCard[];
}

export interface ReportThemeGroup {
	/** null: cards nobody sorted into a theme. */
	theme: { name: string; color: string } | null;
	votes: number;
	clusters: ReportCluster[];
	/** Cards in the theme outside any cluster. */
	cards: ReportCard[];
}

export interface ReportTable {
	name: string;
	topic: string | null;
	cards: number;
	votes: number;
	themes: ReportThemeGroup[];
}

export interface ReportQuestion {
	question: PollQuestionView;
	answers: number;
	result: QuestionResult;
	/** Its open answers or explanations, grouped: each wording once with its count (said-groups.ts). */
	said: Array<SaidGroup<Origin>>;
}

export type ReportPlenaryItem = PlenaryItemView & {
	rank: number;
	tied: boolean;
	/** Its own table, then the tables of the items merged into it (each once), as the projector shows them. */
	tables: string[];
};

export interface CountRow {
	label: string;
	count: number;
}

export interface MeetingReport {
	meeting: {
		id: string;
		title: string;
		startsAt: number | null;
		place: string | null;
		series: string | null;
		facilitators: string[];
		anonymous: boolean;
		/** Closed or archived: the report will not change any more. */
		final: boolean;
	};
	introduction: string | null;
	conclusions: string | null;
	nextSteps: string | null;
	participation: {
		participants: number;
		/** People who answered at least one poll question. */
		respondents: number;
		answers: number;
		bySector: CountRow[];
		byRegion: CountRow[];
	};
	poll: ReportQuestion[];
	tables: ReportTable[];
	plenary: { budget: number; items: ReportPlenaryItem[] } | null;
	/** The most-voted items over all tables (a cluster as one item), ties included. */
	topQuestions: Array<RankedItem & { table: string }>;
	/** Every item of every table, ranked together (for the appendix and series summaries). */
	allItems: Array<RankedItem & { table: string }>;
}

export const TOP_QUESTIONS = 10;

const byVotes = <T extends { votes: number }>(a: T, b: T) => b.votes - a.votes;

function countRows(values: Array<string | null>, other: string): CountRow[] {
	const counts = new Map<string, number>();
	for (const v of values) counts.set(v ?? other, (counts.get(v ?? other) ?? 0) + 1);
	return Array.from(counts, ([label, count]) => ({ label, count })).sort(
		(a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nl')
	);
}

async function tableReport(db: Db, table: { id: string; name: string; topic: string | null }, meetingId: string, anonymous: boolean) {
	const tallies = await cardTallies(db, [table.id]);
	const cards = (await listBoardCards(db, table.id)).map((c) => ({ ...c, votes: tallies.get(c.id) ?? 0 }));
	const clusters = await listClusters(db, table.id);
	const toCard = (c: (typeof cards)[number]): ReportCard => ({
		text: c.text,
		votes: c.votes,
		author: anonymous ? null : c.authorName,
		merged: c.merged.map((m) => ({ text: m.text, author: anonymous ? null : m.authorName }))
	});
	const themes = [...(await listThemes(db, meetingId)).map((t) => ({ id: t.id as string | null, theme: { name: t.name, color: t.color } })), { id: null, theme: null }];
	const groups: ReportThemeGroup[] = [];
	for (const { id, theme } of themes) {
		const inTheme = cards.filter((c) => c.themeId === id);
		const themeClusters = clusters
			.filter((cl) => cl.themeId === id)
			.map((cl) => {
				const members = inTheme.filter((c) => c.clusterId === cl.id).map(toCard).sort(byVotes);
				return { name: cl.name, votes: members.reduce((s, c) => s + c.votes, 0), cards: members };
			})
			.filter((cl) => cl.cards.length > 0)
			.sort(byVotes);
		const loose = inTheme.filter((c) => !c.clusterId || !clusters.some((cl) => cl.id === c.clusterId && cl.themeId === id)).map(toCard).sort(byVotes);
		if (themeClusters.length === 0 && loose.length === 0) continue;
		groups.push({ theme, votes: inTheme.reduce((s, c) => s + c.votes, 0), clusters: themeClusters, cards: loose });
	}
	return {
		report: {
			name: table.name,
			topic: table.topic,
			cards: cards.length,
			votes: cards.reduce((s, c) => s + c.votes, 0),
			themes: groups.sort((a, b) => (a.theme === null ? 1 : b.theme === null ? -1 : 0))
		},
		ranked: rankItems(cards, clusters)
	};
}

/** Builds the report of a meeting from SQL; null when there is no such meeting. */
export async function buildMeetingReport(db: Db, meetingId: string): Promise<MeetingReport | null> {
	const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
	if (!meeting) return null;
	const anonymous = meeting.anonymous;
	const seriesTitle = meeting.seriesId
		? ((await first(db.select({ title: series.title }).from(series).where(eq(series.id, meeting.seriesId))))?.title ?? null)
		: null;
	const facilitatorIds = [
		meeting.createdBy,
		...(await db.select({ id: meetingFacilitators.userId }).from(meetingFacilitators).where(eq(meetingFacilitators.meetingId, meetingId))).map((r) => r.id)
	];
	const facilitators = await mapInOrder(Array.from(new Set(facilitatorIds)), async (id) => (await first(db.select({ name: users.name }).from(users).where(eq(users.id, id))))?.name ?? '');

	const people = await db
		.select({ id: participants.id, tableId: participants.tableId, sector: participants.sector, region: regions.name })
		.from(participants)
		.leftJoin(regions, eq(regions.id, participants.regionId))
		.where(eq(participants.meetingId, meetingId))
		.orderBy(asc(participants.createdAt));
	const snapshot = await pollSnapshot(db, meetingId);
	// Names reach the report only in a named meeting (listBallots leaves them out otherwise).
	const ballots = await listBallots(db, meetingId, { withNames: !anonymous });
	const respondents = (await db
		.selectDistinct({ id: pollResponses.participantId })
		.from(pollResponses)
		.where(eq(pollResponses.meetingId, meetingId))).length;
	// A table nobody sat at and nobody wrote on (a template's spare) says nothing: leave it out rather
	// than list it as "no key questions". A table where people sat but wrote nothing stays.
	const seated = new Set(people.map((p) => p.tableId));
	const tableRows = await listMeetingTables(db, meetingId);
	const built = (await mapInOrder(tableRows, async (t) => ({ table: t, ...(await tableReport(db, t, meetingId, anonymous)) })))
		.filter((b) => b.report.cards > 0 || seated.has(b.table.id));
	const everything = ranked(built.flatMap((b) => b.ranked.map((item) => ({ ...item, table: b.table.name }))));
	const plenary = await loadPlenaryView(db, meetingId);

	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			place: meeting.place,
			series: seriesTitle,
			facilitators,
			anonymous,
			final: meeting.status === 'closed' || meeting.status === 'archived'
		},
		introduction: meeting.introduction,
		conclusions: meeting.conclusions,
		nextSteps: meeting.nextSteps,
		participation: {
			participants: people.length,
			respondents,
			answers: ballots.length,
			bySector: countRows(people.map((p) => p.sector), '—'),
			byRegion: countRows(people.map((p) => p.region), '—')
		},
		poll: (snapshot?.questions ?? []).map((question) => {
			const result = inReadingOrder(aggregateQuestion(question, ballots));
			return { question, answers: snapshot?.counts[question.id] ?? 0, result, said: saidOf(result) };
		}),
		tables: built.map((b) => b.report),
		plenary:
			plenary && plenary.state.phase !== 'off'
				? { budget: plenary.state.budget, items: ranked(plenary.items).map(withTables) }
				: null,
		topQuestions: topItems(everything, TOP_QUESTIONS),
		allItems: everything
	};
}

function withTables<T extends PlenaryItemView>(item: T): T & { tables: string[] } {
	const names = [item.tableName, ...item.merged.map((m) => m.tableName)].filter((n): n is string => n !== null);
	return { ...item, tables: Array.from(new Set(names)) };
}

type Comment = { text: string; name: string | null };
const byText = (a: Comment, b: Comment) => a.text.localeCompare(b.text, 'nl') || (a.name ?? '').localeCompare(b.name ?? '', 'nl');

/** Comments in a stable order (by text, then name): the same meeting always reads the same. */
function inReadingOrder(result: QuestionResult): QuestionResult {
	switch (result.type) {
		case 'single':
		case 'multiple': {
			const order = result.options.map((o) => o.label);
			const firstOption = (labels: string[]) => (labels.length ? order.indexOf(labels[0]) : order.length);
			return {
				...result,
				options: result.options.map((o) => ({ ...o, explanations: [...o.explanations].sort(byText) })),
				// Grouped by the first option chosen, as the options are listed; then by text.
				explanations: [...result.explanations].sort((a, b) => firstOption(a.options) - firstOption(b.options) || byText(a, b))
			};
		}
		case 'text':
			return { ...result, answers: [...result.answers].sort(byText) };
		default:
			return { ...result, explanations: [...result.explanations].sort(byText) };
	}
}
