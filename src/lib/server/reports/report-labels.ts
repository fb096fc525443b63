// The words a report is written with, in the reader's language. The renderers take them as data, so
// they stay plain modules; src/lib/i18n/report-labels.ts fills them from the app's messages.
export interface ReportLabels {
	contents: string;
	date: string;
	/** Where the meeting is held. */
	location: string;
	/** A position in a ranking. */
	place: string;
	series: string;
	facilitators: string;
	draftNotice: string;
	introduction: string;
	notWritten: string;
	participation: string;
	participationSummary(participants: number, respondents: number, answers: number): string;
	sector: string;
	sectorName(code: string): string;
	region: string;
	count: string;
	share: string;
	pollResults: string;
	noPoll: string;
	respondents(n: number): string;
	option: string;
	explanations: string;
	/** How many gave the same answer: "(9×)". */
	answerCount(n: number): string;
	/** Leads another wording of a grouped answer. */
	alsoWorded: string;
	borda: string;
	averageRank: string;
	value: string;
	/** A mean, median or average rank in the reader's notation. */
	number(n: number | null): string;
	mean: string;
	median: string;
	noAnswers: string;
	tables: string;
	cardsAndVotes(cards: number, votes: number): string;
	noCards: string;
	unsorted: string;
	votes(n: number): string;
	by(name: string): string;
	alsoAsked: string;
	plenary: string;
	plenaryIntro(budget: number): string;
	item: string;
	table: string;
	plenaryVotes: string;
	tableVotes: string;
	topQuestions: string;
	votesHeader: string;
	cardsHeader: string;
	conclusions: string;
	nextSteps: string;
	appendix: string;
}
