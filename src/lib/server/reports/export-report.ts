import { first, firstRow } from '../db/query.ts';
import { and, desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/client.ts';
import { meetings, reportExports, type ReportFormat } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManageMeeting } from '../access/policies.ts';
import { utcToAmsterdam } from '../meetings/amsterdam-time.ts';
import { newId } from '../ids.ts';
import { fieldErrors, type CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
import { runManagement } from '../meetings/management-scope.ts';
import { fileSlug } from '../exports/write-xlsx.ts';
import { buildMeetingReport } from './report-model.ts';
import { renderReportDocx } from './render-docx.ts';
import { renderReportMarkdown } from './render-markdown.ts';
import { renderReportPdf } from './render-pdf.ts';
import type { ReportLabels } from './report-labels.ts';

// Making, keeping and handing out a meeting's report files. Reports are for the meeting's facilitators
// and admins only.

export const CONTENT_TYPES: Record<ReportFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8'
};

/** `2023-05-11-het-partnerschap-in-de-onderwijsregio`: the meeting's date (else today's) and title. */
export function reportBaseName(meeting: { title: string; startsAt: number | null }, now: number): string {
	return `${utcToAmsterdam(meeting.startsAt ?? now).date}-${fileSlug(meeting.title)}`;
}

export type ReportDenial = 'not-found' | 'not-allowed';

async function access(db: Db, actor: Actor | null, meetingId: string): Promise<ReportDenial | null> {
	const facts = await loadMeetingFacts(db, meetingId);
	if (!facts) return 'not-found';
	return canManageMeeting(actor, facts) ? null : 'not-allowed';
}

export async function exportReport(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	format: ReportFormat,
	words: { labels: ReportLabels; locale: string },
	now: number
): Promise<{ ok: true; id: string; fileName: string; bytes: Uint8Array } | Refusal> {
	// Checked before rendering too: a refused visitor costs no PDF.
	const denial = await access(db, actor, meetingId);
	if (denial) return refuse(denial);
	const report = await buildMeetingReport(db, meetingId);
	if (!report || actor?.kind !== 'user') return refuse('not-found');
	const user = actor.user;
	const fileName = `${reportBaseName(report.meeting, now)}.${format}`;
	const contentHash = reportContentHash({ report, format, locale: words.locale, fileName });
	const same = await latestStoredExport(db, meetingId, format);
	if (same && same.contentHash === contentHash) {
		return { ok: true, id: same.id, fileName: same.fileName, bytes: new Uint8Array(same.bytes) };
	}
	const bytes =
		format === 'pdf'
			? await renderReportPdf(report, words.labels, words.locale)
			: format === 'docx'
				? await renderReportDocx(report, words.labels, words.locale)
				: new TextEncoder().encode(renderReportMarkdown(report, words.labels, words.locale));
	// Kept in the history as a management command: logged, in one transaction, refused from the table.
	const stored = await runManagement(db, actor, meetingId, now, {
		type: 'report.export',
		payload: { format, final: report.meeting.final },
		async run(tx) {
			const id = newId();
			await tx.insert(reportExports)
				.values({
					id,
					meetingId,
					userId: user.id,
					userName: user.name,
					format,
					fileName,
					final: report.meeting.final,
					bytes: Buffer.from(bytes),
					contentHash,
					createdAt: now
				});
			return { ok: true, result: id };
		}
	});
	if (!stored.ok) return stored;
	return { ok: true, id: stored.result, fileName, bytes };
}

/** What a report file is made from, hashed: PDF and DOCX embed their time of making, so bytes differ. */
function reportContentHash(input: { report: unknown; format: ReportFormat; locale: string; fileName: string }): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(input))));
}

async function latestStoredExport(db: Db, meetingId: string, format: ReportFormat) {
	return await firstRow(db
		.select({ id: reportExports.id, fileName: reportExports.fileName, bytes: reportExports.bytes, contentHash: reportExports.contentHash })
		.from(reportExports)
		.where(and(eq(reportExports.meetingId, meetingId), eq(reportExports.format, format)))
		.orderBy(desc(reportExports.createdAt), desc(reportExports.id))
		.limit(1));
}

export interface ReportExportEntry {
	id: string;
	format: ReportFormat;
	fileName: string;
	userName: string;
	final: boolean;
	createdAt: number;
	size: number;
}

export async function listReportExports(db: Db, actor: Actor | null, meetingId: string): Promise<ReportExportEntry[] | ReportDenial> {
	const denial = await access(db, actor, meetingId);
	if (denial) return denial;
	return (await db
		.select({
			id: reportExports.id,
			format: reportExports.format,
			fileName: reportExports.fileName,
			userName: reportExports.userName,
			final: reportExports.final,
			createdAt: reportExports.createdAt,
			bytes: reportExports.bytes
		})
		.from(reportExports)
		.where(eq(reportExports.meetingId, meetingId))
		.orderBy(desc(reportExports.createdAt), desc(reportExports.id)))
		.map(({ bytes, ...rest }) => ({ ...rest, size: bytes.length }));
}

export async function getReportExport(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	exportId: string
): Promise<{ ok: true; format: ReportFormat; fileName: string; bytes: Uint8Array } | { ok: false; reason: ReportDenial }> {
	const denial = await access(db, actor, meetingId);
	if (denial) return { ok: false, reason: denial };
	const row = await first(db
		.select()
		.from(reportExports)
		.where(and(eq(reportExports.id, exportId), eq(reportExports.meetingId, meetingId))));
	if (!row) return { ok: false, reason: 'not-found' };
	return { ok: true, format: row.format, fileName: row.fileName, bytes: new Uint8Array(row.bytes) };
}

export const REPORT_TEXT_MAX = 20_000;

const ReportText = v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(REPORT_TEXT_MAX, 'report-text-too-long'));
export const ReportTextsInput = v.object({ conclusions: ReportText, nextSteps: ReportText });

/**
 * The facilitator's conclusions and next steps (Markdown); also after the meeting closed, not once it
 * is archived. A management command through the frame: logged, refused from the one table.
 */
export async function saveReportTexts(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	input: unknown,
	now: number
): Promise<CommandOutcome<null>> {
	return runManagement(db, actor, meetingId, now, {
		type: 'report.texts',
		payload: {},
		async run(tx, meeting) {
			const parsed = v.safeParse(ReportTextsInput, input);
			if (!parsed.success) return refuse('invalid', fieldErrors(parsed.issues));
			if (meeting.status === 'archived') return refuse('archived');
			await tx.update(meetings)
				.set({ conclusions: parsed.output.conclusions || null, nextSteps: parsed.output.nextSteps || null })
				.where(eq(meetings.id, meetingId));
			return { ok: true, result: null };
		}
	});
}
