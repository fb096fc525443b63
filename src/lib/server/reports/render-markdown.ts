import type { QuestionResult } from '../../realtime/poll-results.ts';
import { namesOf, saidLines, saidOf, type Origin, type SaidGroup } from './said-groups.ts';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import type { MeetingReport, ReportCard, ReportQuestion, ReportTable } from './report-model.ts';
import type { ReportLabels } from './report-labels.ts';
import { neutraliseUnsafeLinks } from '../security/markdown-links.ts';
import { plenaryRow } from './plenary-rows.ts';

// The meeting report as Markdown. What people typed (cards, answers, names) is escaped so it shows as
// text and never as markup or HTML; the facilitator's own Markdown sections pass through, HTML escaped.

/** Text that shows exactly as typed: Markdown and HTML characters escaped, line breaks kept as spaces. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/\r?\n+/g, ' ')
		.replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
		.replace(/</g, '&lt;')
		.replace(/^(\s*)([-=])/, '$1\\$2')
		.replace(/^(\s*\d+)\./, '$1\\.');
}

/** The facilitator's Markdown as written, but no raw HTML and no link that runs script. */
export function safeMarkdown(markdown: string): string {
	return neutraliseUnsafeLinks(markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>(?=[^\n]*<)/g, '&gt;'));
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function markdownTable(head: string[], rows: Array<Array<string | number>>): string {
	const cell = (c: string | number) => (typeof c === 'number' ? String(c) : c);
	return [
		`| ${head.join(' | ')} |`,
		// Figures align right, words left.
		`| ${head.map((_, i) => (rows.length > 0 && rows.every((r) => /^\d[\d.,]*[=%]?$/.test(cell(r[i]))) ? '---:' : '---')).join(' | ')} |`,
		...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
	].join('\n');
}

function byLine(author: string | null, l: ReportLabels): string {
	return author ? ` — ${l.by(escapeMarkdown(author))}` : '';
}

function cardLine(card: ReportCard, l: ReportLabels, indent = ''): string {
	const lines = [`${indent}- ${escapeMarkdown(card.text)} (${l.votes(card.votes)})${byLine(card.author, l)}`];
	for (const m of card.merged) lines.push(`${indent}  - ${l.alsoAsked}: ${escapeMarkdown(m.text)}${byLine(m.author, l)}`);
	return lines.join('\n');
}

/** Grouped answers as a list: a line per group, its other wordings indented under it. */
export function markdownSaid<W>(groups: ReadonlyArray<SaidGroup<W>>, l: ReportLabels, whoOf: (who: W[]) => string[]): string {
	return saidLines(groups, l, whoOf, escapeMarkdown)
		.map((g) => [`- ${g.line}`, ...g.variants.map((v) => `  - ${v}`)].join('\n'))
		.join('\n');
}

/** One question's figures and what was said with it; `said` defaults to the result's own answers, grouped. */
export function markdownResult(r: QuestionResult, l: ReportLabels, said: ReadonlyArray<SaidGroup<Origin>> = saidOf(r)): string {
	const explained = said.length ? [`**${l.explanations}**\n\n${markdownSaid(said, l, namesOf)}`] : [];
	switch (r.type) {
		case 'single':
		case 'multiple': {
			const out = [markdownTable([l.option, l.count, l.share], r.options.map((o) => [escapeMarkdown(o.label), o.count, percent(o.share)]))];
			return [...out, ...explained].join('\n\n');
		}
		case 'ranking': {
			const out = [
				markdownTable(
					[l.place, l.option, l.borda, l.averageRank],
					r.options.map((o) => [o.place, escapeMarkdown(o.label), o.borda, l.number(o.averageRank)])
				)
			];
			return [...out, ...explained].join('\n\n');
		}
		case 'scale': {
			const out = [
				markdownTable([l.value, l.count], r.distribution.map((d) => [d.value, d.count])),
				`${l.mean}: ${l.number(r.mean)} · ${l.median}: ${l.number(r.median)}`
			];
			return [...out, ...explained].join('\n\n');
		}
		case 'text':
			return said.length ? markdownSaid(said, l, namesOf) : l.noAnswers;
	}
}

function question(q: ReportQuestion, l: ReportLabels, n: number): string {
	return [`### ${n}. ${escapeMarkdown(q.question.prompt)}`, l.respondents(q.result.respondents), markdownResult(q.result, l, q.said)].join('\n\n');
}

function tableSection(t: ReportTable, l: ReportLabels): string {
	const out = [`### ${escapeMarkdown(t.name)}`];
	if (t.topic) out.push(`*${escapeMarkdown(t.topic)}* — ${l.cardsAndVotes(t.cards, t.votes)}`);
	else out.push(l.cardsAndVotes(t.cards, t.votes));
	if (t.themes.length === 0) out.push(l.noCards);
	for (const group of t.themes) {
		out.push(`#### ${group.theme ? escapeMarkdown(group.theme.name) : l.unsorted} (${l.votes(group.votes)})`);
		const lines: string[] = [];
		for (const cluster of group.clusters) {
			lines.push(`- **${escapeMarkdown(cluster.name)}** (${l.votes(cluster.votes)})`);
			for (const card of cluster.cards) lines.push(cardLine(card, l, '  '));
		}
		for (const card of group.cards) lines.push(cardLine(card, l));
		out.push(lines.join('\n'));
	}
	return out.join('\n\n');
}

/** The whole report; `locale` formats the date. */
export function renderReportMarkdown(report: MeetingReport, l: ReportLabels, locale: string): string {
	const m = report.meeting;
	const cover = [
		`# ${escapeMarkdown(m.title)}`,
		[
			m.startsAt !== null ? `**${l.date}:** ${formatAmsterdam(m.startsAt, locale)}` : null,
			m.place ? `**${l.location}:** ${escapeMarkdown(m.place)}` : null,
			m.series ? `**${l.series}:** ${escapeMarkdown(m.series)}` : null,
			m.facilitators.length ? `**${l.facilitators}:** ${m.facilitators.map(escapeMarkdown).join(', ')}` : null,
			m.final ? null : `*${l.draftNotice}*`
		]
			.filter(Boolean)
			.join('  \n')
	];
	const sections: Array<[string, string]> = [];
	sections.push([l.introduction, report.introduction ? safeMarkdown(report.introduction) : l.notWritten]);
	const p = report.participation;
	sections.push([
		l.participation,
		[
			l.participationSummary(p.participants, p.respondents, p.answers),
			markdownTable([l.sector, l.count], p.bySector.map((r) => [l.sectorName(r.label), r.count])),
			markdownTable([l.region, l.count], p.byRegion.map((r) => [escapeMarkdown(r.label), r.count]))
		].join('\n\n')
	]);
	sections.push([l.pollResults, report.poll.length ? report.poll.map((q, i) => question(q, l, i + 1)).join('\n\n') : l.noPoll]);
	sections.push([l.tables, report.tables.map((t) => tableSection(t, l)).join('\n\n')]);
	if (report.plenary) {
		sections.push([
			l.plenary,
			[
				l.plenaryIntro(report.plenary.budget),
				markdownTable(
					[l.place, l.item, l.table, l.plenaryVotes, l.tableVotes],
					report.plenary.items.map((i) => plenaryRow(i, l, escapeMarkdown))
				)
			].join('\n\n')
		]);
	}
	sections.push([
		l.topQuestions,
		report.topQuestions.length
			? markdownTable(
					[l.place, l.item, l.table, l.votesHeader],
					report.topQuestions.map((i) => [i.tied ? `${i.rank}=` : i.rank, escapeMarkdown(i.label), escapeMarkdown(i.table), i.votes])
				)
			: l.noCards
	]);
	sections.push([
		l.conclusions,
		[
			report.conclusions ? safeMarkdown(report.conclusions) : l.notWritten,
			`### ${l.nextSteps}`,
			report.nextSteps ? safeMarkdown(report.nextSteps) : l.notWritten
		].join('\n\n')
	]);
	sections.push([
		l.appendix,
		markdownTable(
			[l.table, l.cardsHeader, l.votesHeader],
			report.tables.map((t) => [escapeMarkdown(t.name), t.cards, t.votes])
		)
	]);

	return markdownDocument(cover.join('\n\n'), sections, l);
}

/** Cover, a numbered table of contents, then the numbered sections: the shape of every report. */
export function markdownDocument(cover: string, sections: Array<[string, string]>, l: ReportLabels): string {
	const toc = `## ${l.contents}\n\n${sections.map(([title], i) => `${i + 1}. ${title}`).join('\n')}`;
	return [cover, toc, ...sections.map(([title, body], i) => `## ${i + 1}. ${title}\n\n${body}`)].join('\n\n') + '\n';
}
