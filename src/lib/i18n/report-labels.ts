// Relative imports with extensions: the benchmark loads these words in plain Node too.
import { m } from '../paraglide/messages.js';
import type { ReportLabels } from '../server/reports/report-labels.ts';
import { formatDecimal } from '../text/numbers.ts';
import { getLocale } from '../paraglide/runtime.js';

const SECTORS: Record<string, () => string> = {
	po: () => m.join_sector_po(),
	vo: () => m.join_sector_vo(),
	mbo: () => m.join_sector_mbo()
};

/** The report's words in the language of the current request. */
export function reportLabels(): ReportLabels {
	return {
		contents: m.report_contents(),
		date: m.report_date(),
		location: m.report_place(),
		place: m.report_place_header(),
		series: m.report_series(),
		facilitators: m.report_facilitators(),
		draftNotice: m.report_draft_notice(),
		introduction: m.report_introduction(),
		notWritten: m.report_not_written(),
		participation: m.report_participation(),
		participationSummary: (participants, respondents, answers) =>
			`${m.report_participants({ count: participants })}; ${m.report_respondents_of_them({ count: respondents })} (${m.report_answers_total({ count: answers })}).`,
		sector: m.report_sector(),
		sectorName: (code) => SECTORS[code]?.() ?? code,
		region: m.report_region(),
		count: m.report_count(),
		share: m.report_share(),
		pollResults: m.report_poll_results(),
		noPoll: m.report_no_poll(),
		respondents: (count) => m.report_respondents({ count }),
		option: m.report_option(),
		explanations: m.report_explanations(),
		answerCount: (count) => m.themes_answer_count({ count }),
		alsoWorded: m.group_also_worded(),
		borda: m.report_borda(),
		averageRank: m.report_average_rank(),
		value: m.report_value(),
		number: (n) => formatDecimal(n, getLocale()),
		mean: m.report_mean(),
		median: m.report_median(),
		noAnswers: m.report_no_answers(),
		tables: m.report_tables(),
		cardsAndVotes: (cards, votes) => `${m.report_cards({ count: cards })}, ${m.report_votes({ count: votes })}`,
		noCards: m.report_no_cards(),
		unsorted: m.report_unsorted(),
		votes: (count) => m.report_votes({ count }),
		by: (name) => m.report_by({ name }),
		alsoAsked: m.report_also_asked(),
		plenary: m.report_plenary(),
		plenaryIntro: (budget) => m.report_plenary_intro({ budget }),
		item: m.report_item(),
		table: m.report_table(),
		plenaryVotes: m.report_plenary_votes(),
		tableVotes: m.report_table_votes(),
		topQuestions: m.report_top_questions(),
		votesHeader: m.report_votes_header(),
		cardsHeader: m.report_cards_header(),
		conclusions: m.report_conclusions(),
		nextSteps: m.report_next_steps(),
		appendix: m.report_appendix()
	};
}
