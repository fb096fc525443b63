import type { QuestionResult } from '../../realtime/poll-results.ts';
import type { ComparedQuestion } from './series-model.ts';
import type { SeriesLabels } from './series-labels.ts';

// One question asked in several meetings as one table: a row per answer option and a column per
// meeting, so a shift between meetings reads across a row. Every format of the series summary (page,
// PDF, DOCX, Markdown) draws this same table.

export interface ComparisonTable {
	head: string[];
	rows: Array<Array<string | number>>;
}

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The difference between the first and the last meeting, in percentage points ("+12", "−3", "0"). */
function shift(shares: Array<number | null>): string {
	const first = shares[0];
	const last = shares[shares.length - 1];
	if (first === null || last === null || shares.length < 2) return '—';
	const points = Math.round((last - first) * 100);
	return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}

function ranked(r: QuestionResult, label: string): string {
	if (r.type !== 'ranking') return '—';
	const option = r.options.find((o) => o.label === label);
	return option ? String(option.place) : '—';
}

export function comparisonTable(q: ComparedQuestion, l: SeriesLabels): ComparisonTable {
	const titles = q.meetings.map((m) => m.title);
	switch (q.type) {
		case 'single':
		case 'multiple':
			return {
				head: [l.option, ...titles, l.shift],
				rows: q.shares.map((row) => [row.label, ...row.shares.map(pct), shift(row.shares)])
			};
		case 'ranking': {
			const labels: string[] = [];
			for (const m of q.meetings) if (m.result.type === 'ranking') for (const o of m.result.options) if (!labels.includes(o.label)) labels.push(o.label);
			return { head: [`${l.option} (${l.place})`, ...titles], rows: labels.map((label) => [label, ...q.meetings.map((m) => ranked(m.result, label))]) };
		}
		case 'scale':
			return {
				head: ['', ...titles],
				rows: [
					[l.mean, ...q.meetings.map((m) => (m.result.type === 'scale' ? l.number(m.result.mean) : '—'))],
					[l.median, ...q.meetings.map((m) => (m.result.type === 'scale' ? l.number(m.result.median) : '—'))]
				]
			};
		case 'text':
			return { head: ['', ...titles], rows: [[l.count, ...q.meetings.map((m) => (m.result.type === 'text' ? m.result.answers.length : 0))]] };
	}
}

/** Respondents per meeting, the line under each compared question. */
export function comparisonRespondents(q: ComparedQuestion, l: SeriesLabels): string {
	return q.meetings.map((m) => `${m.title}: ${l.respondents(m.respondents)}`).join(' · ');
}

/** The heading over a compared question's grouped answers: open answers, or explanations. */
export function saidHeading(q: ComparedQuestion, l: SeriesLabels): string {
	return q.type === 'text' ? l.openAnswers : l.explanations;
}
