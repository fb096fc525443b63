import { first } from '../db/query.ts';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { seriesExports, type SeriesExportFormat } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { isAdmin } from '../access/policies.ts';
import { newId } from '../ids.ts';
import { writeCsv } from '../csv/write-csv.ts';
import { writeXlsx } from '../exports/write-xlsx.ts';
import { CONTENT_TYPES, reportBaseName } from './export-report.ts';
import { renderSeriesDocx } from './render-series-docx.ts';
import { renderSeriesMarkdown } from './render-series-markdown.ts';
import { renderSeriesPdf } from './render-series-pdf.ts';
import { buildSeriesSummary, type SeriesSummary } from './series-model.ts';
import type { SeriesLabels } from './series-labels.ts';
import { seriesRawTable } from './series-raw.ts';
import { resolveSelection, type SelectionInput, type SelectionDenial } from './series-selection.ts';

// Making, keeping and handing out series summaries: the Platform's (admins') alone.

export const SERIES_CONTENT_TYPES: Record<SeriesExportFormat, string> = {
	...CONTENT_TYPES,
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

export type SeriesDenial = 'not-allowed' | SelectionDenial;
type Words = { labels: SeriesLabels; locale: string };

/** The summary to preview; admins only. */
export async function previewSeriesSummary(
	db: Db,
	actor: Actor | null,
	input: SelectionInput,
	labels: SeriesLabels
): Promise<{ ok: true; seriesId: string | null; summary: SeriesSummary } | { ok: false; reason: SeriesDenial }> {
	if (!isAdmin(actor)) return { ok: false, reason: 'not-allowed' };
	const selection = await resolveSelection(db, input, labels.selection);
	if (!selection.ok) return selection;
	return { ok: true, seriesId: selection.seriesId, summary: await buildSeriesSummary(db, selection.title, selection.meetingIds) };
}

async function render(summary: SeriesSummary, format: SeriesExportFormat, { labels, locale }: Words, now: number): Promise<Uint8Array> {
	switch (format) {
		case 'pdf':
			return renderSeriesPdf(summary, labels, locale, now);
		case 'docx':
			return renderSeriesDocx(summary, labels, locale, now);
		case 'md':
			return new TextEncoder().encode(renderSeriesMarkdown(summary, labels, locale, now));
		case 'csv': {
			const raw = seriesRawTable(summary, labels);
			return new TextEncoder().encode(writeCsv(raw.header, raw.rows));
		}
		case 'xlsx': {
			const raw = seriesRawTable(summary, labels);
			return writeXlsx(labels.sheet, raw.header, raw.rows);
		}
	}
}

export async function exportSeriesSummary(
	db: Db,
	actor: Actor | null,
	input: SelectionInput,
	format: SeriesExportFormat,
	words: Words,
	now: number
): Promise<{ ok: true; id: string; fileName: string; bytes: Uint8Array } | { ok: false; reason: SeriesDenial }> {
	const preview = await previewSeriesSummary(db, actor, input, words.labels);
	if (!preview.ok) return preview;
	if (actor?.kind !== 'user') return { ok: false, reason: 'not-allowed' };
	const { summary } = preview;
	const bytes = await render(summary, format, words, now);
	// Named after the day it was compiled: a summary spans several meeting dates.
	const fileName = `${reportBaseName({ title: summary.title, startsAt: null }, now)}.${format}`;
	const id = newId();
	await db.insert(seriesExports)
		.values({
			id,
			seriesId: preview.seriesId,
			title: summary.title,
			meetingIds: summary.meetings.map((m) => m.id),
			userId: actor.user.id,
			userName: actor.user.name,
			format,
			fileName,
			bytes: Buffer.from(bytes),
			createdAt: now
		});
	return { ok: true, id, fileName, bytes };
}

export interface SeriesExportEntry {
	id: string;
	title: string;
	format: SeriesExportFormat;
	fileName: string;
	userName: string;
	meetings: number;
	createdAt: number;
	size: number;
}

export const SERIES_HISTORY_SHOWN = 50;

/** The latest series exports, newest first. */
export async function listSeriesExports(db: Db, actor: Actor | null): Promise<SeriesExportEntry[] | 'not-allowed'> {
	if (!isAdmin(actor)) return 'not-allowed';
	return (await db
		.select()
		.from(seriesExports)
		.orderBy(desc(seriesExports.createdAt), desc(seriesExports.id))
		.limit(SERIES_HISTORY_SHOWN))
		.map((r) => ({
			id: r.id,
			title: r.title,
			format: r.format,
			fileName: r.fileName,
			userName: r.userName,
			meetings: r.meetingIds.length,
			createdAt: r.createdAt,
			size: r.bytes.length
		}));
}

export async function getSeriesExport(
	db: Db,
	actor: Actor | null,
	id: string
): Promise<{ ok: true; format: SeriesExportFormat; fileName: string; bytes: Uint8Array } | { ok: false; reason: 'not-allowed' | 'not-found' }> {
	if (!isAdmin(actor)) return { ok: false, reason: 'not-allowed' };
	const row = await first(db.select().from(seriesExports).where(eq(seriesExports.id, id)));
	if (!row) return { ok: false, reason: 'not-found' };
	return { ok: true, format: row.format, fileName: row.fileName, bytes: new Uint8Array(row.bytes) };
}
