import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import { escapeMarkdown, markdownDocument, markdownSaid, markdownTable } from './render-markdown.ts';
import { comparisonRespondents, comparisonTable, saidHeading } from './series-comparison.ts';
import { meetingsOf } from './said-groups.ts';
import type { SeriesLabels } from './series-labels.ts';
import type { SeriesSummary } from './series-model.ts';

// The series summary as Markdown, with the meeting report's table, escaping and document shape.

const esc = (row: Array<string | number>) => row.map((c) => (typeof c === 'number' ? c : escapeMarkdown(c)));

export function renderSeriesMarkdown(summary: SeriesSummary, l: SeriesLabels, locale: string, now: number): string {
	const cover = [
		`# ${escapeMarkdown(summary.title)}`,
		`*${l.summaryOf(summary.meetings.length)}* — ${l.made}: ${formatAmsterdam(now, locale)}`
	].join('\n\n');
	const sections: Array<[string, string]> = [];
	sections.push([
		l.meetings,
		markdownTable(
			[l.meeting, l.date, l.participantsHeader, l.respondentsHeader],
			summary.meetings.map((m) => [escapeMarkdown(m.title), m.startsAt === null ? '—' : formatAmsterdam(m.startsAt, locale), m.participants, m.respondents])
		)
	]);
	sections.push([
		l.compared,
		summary.compared.length
			? [
					l.comparedIntro,
					...summary.compared.map((q) => {
						const t = comparisonTable(q, l);
						const said = q.said.length ? [`**${saidHeading(q, l)}**`, markdownSaid(q.said, l, meetingsOf)] : [];
						return [`### ${escapeMarkdown(q.prompt)}`, escapeMarkdown(comparisonRespondents(q, l)), markdownTable(t.head.map(escapeMarkdown), t.rows.map(esc)), ...said].join('\n\n');
					})
				].join('\n\n')
			: l.noCompared
	]);
	sections.push([
		l.byTheme,
		summary.byTheme.length
			? summary.byTheme
					.map((group) =>
						[
							`### ${group.theme ? escapeMarkdown(group.theme) : l.unsorted}`,
							markdownTable(
								[l.keyQuestion, l.votesHeader, l.meeting, l.table, l.cluster],
								group.questions.map((q) => esc([q.text, q.votes, q.meeting, q.table, q.cluster ?? '—']))
							)
						].join('\n\n')
					)
					.join('\n\n')
			: l.noCards
	]);
	sections.push([
		l.topOverall,
		summary.top.length
			? markdownTable(
					[l.place, l.item, l.meeting, l.table, l.votesHeader],
					summary.top.map((i) => [i.tied ? `${i.rank}=` : i.rank, ...esc([i.label, i.meeting, i.table]), i.votes])
				)
			: l.noCards
	]);
	return markdownDocument(cover, sections, l);
}
