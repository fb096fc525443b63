import { containsText } from '../db/dialect-sql.ts';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { cards, meetings, participants, series, SECTORS, tables, themes, votes } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { canCreateMeeting } from '../access/policies.ts';
import { listMeetingsFor } from '../meetings/queries.ts';

// Finding key questions across meetings, for admins (every meeting) and facilitators (the meetings
// they facilitate or co-facilitate). Only cards on a board count: withdrawn, hidden and merged-away
// cards are left out. An anonymous meeting's cards never carry their author.

export const SearchInput = v.object({
	q: v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(200, 'search-too-long')),
	theme: v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(100, 'search-too-long')),
	sector: v.optional(v.union([v.picklist(SECTORS), v.literal('')]), ''),
	series: v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(40, 'search-too-long'))
});
export type SearchQuery = v.InferOutput<typeof SearchInput>;

export interface CardHit {
	id: string;
	text: string;
	meetingId: string;
	meeting: string;
	startsAt: number | null;
	table: string;
	theme: string | null;
	votes: number;
	/** Named meetings only. */
	author: string | null;
}

export const SEARCH_LIMIT = 200;

/** `50%_off` matches itself, not any text: LIKE wildcards in what was typed are escaped. */

async function scopeFor(db: Db, actor: Actor | null): Promise<string[] | null> {
	if (!canCreateMeeting(actor) || actor?.kind !== 'user') return null;
	return (await listMeetingsFor(db, actor.user)).map((m) => m.id);
}

export type SearchResult =
	| { ok: true; hits: CardHit[]; truncated: boolean }
	| { ok: false; reason: 'not-allowed' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

export async function searchCards(db: Db, actor: Actor | null, input: unknown): Promise<SearchResult> {
	const scope = await scopeFor(db, actor);
	if (scope === null) return { ok: false, reason: 'not-allowed' };
	const parsed = v.safeParse(SearchInput, input);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.issues) errors[String(issue.path?.[0]?.key ?? 'form')] ??= issue.message;
		return { ok: false, reason: 'invalid', errors };
	}
	const query = parsed.output;
	if (scope.length === 0) return { ok: true, hits: [], truncated: false };

	const where: SQL[] = [
		inArray(cards.meetingId, scope),
		isNull(cards.withdrawnAt),
		isNull(cards.hiddenAt),
		isNull(cards.mergedIntoId)
	];
	for (const word of query.q.split(/\s+/).filter(Boolean)) where.push(containsText(cards.text, word));
	if (query.theme) where.push(sql`lower(${themes.name}) = lower(${query.theme})`);
	if (query.sector) where.push(eq(participants.sector, query.sector));
	if (query.series) where.push(eq(meetings.seriesId, query.series));

	const dots = sql<number>`coalesce((select sum(${votes.dots}) from ${votes} where ${votes.cardId} = ${cards.id}), 0)`;
	const rows = await db
		.select({
			id: cards.id,
			text: cards.text,
			authorName: cards.authorName,
			meetingId: meetings.id,
			meeting: meetings.title,
			startsAt: meetings.startsAt,
			anonymous: meetings.anonymous,
			table: tables.name,
			theme: themes.name,
			votes: dots
		})
		.from(cards)
		.innerJoin(meetings, eq(meetings.id, cards.meetingId))
		.innerJoin(tables, eq(tables.id, cards.tableId))
		.leftJoin(themes, eq(themes.id, cards.themeId))
		.leftJoin(participants, eq(participants.id, cards.authorParticipantId))
		.where(and(...where))
		.orderBy(desc(dots), desc(meetings.startsAt), asc(cards.id))
		.limit(SEARCH_LIMIT + 1);
	const hits = rows.slice(0, SEARCH_LIMIT).map(({ authorName, anonymous, votes: n, ...row }) => ({
		...row,
		votes: Number(n),
		author: anonymous ? null : authorName
	}));
	return { ok: true, hits, truncated: rows.length > SEARCH_LIMIT };
}

/** What the filters offer: the theme names and series of the meetings in the actor's scope. */
export async function searchFilters(db: Db, actor: Actor | null): Promise<{ themes: string[]; series: Array<{ id: string; title: string }> }> {
	const scope = await scopeFor(db, actor);
	if (!scope || scope.length === 0) return { themes: [], series: [] };
	const themeNames = await db.selectDistinct({ name: themes.name }).from(themes).where(inArray(themes.meetingId, scope));
	const seriesRows = await db
		.selectDistinct({ id: series.id, title: series.title })
		.from(series)
		.innerJoin(meetings, eq(meetings.seriesId, series.id))
		.where(inArray(meetings.id, scope));
	return {
		themes: Array.from(new Set(themeNames.map((t) => t.name))).sort((a, b) => a.localeCompare(b, 'nl')),
		series: seriesRows.sort((a, b) => a.title.localeCompare(b.title, 'nl'))
	};
}
