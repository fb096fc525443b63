import type { QuestionOption, QuestionType } from '../db/schema.ts';
import { FINANCE_WORDS, GOVERNANCE_WORDS, QUALITY_WORDS, THEME_DESCRIPTIONS } from './theme-lexicons.ts';

// The built-in Opdenksessie: a pre-session poll about the partnership's place in the education region,
// six conversation tables and the three default themes. Texts are our own, written after the facts of
// a real session (seed 002); keys are stable so a series can compare answers across meetings.

export interface TemplateQuestion {
	key: string;
	type: QuestionType;
	prompt: string;
	help?: string;
	required: boolean;
	options?: QuestionOption[];
	maxChoices?: number;
	scale?: { min: number; max: number; minLabel: string; maxLabel: string };
	allowExplanation: boolean;
}

const opts = (pairs: Array<[string, string]>): QuestionOption[] =>
	pairs.map(([id, label]) => ({ id, label }));

export const OPDENKSESSIE_QUESTIONS: readonly TemplateQuestion[] = [
	{
		key: 'positie-governance',
		type: 'single',
		prompt:
			'Welke plek heeft jullie partnerschap op dit moment in de governance van de onderwijsregio?',
		help: 'Kies wat het meest in de buurt komt; in de toelichting is ruimte voor nuance.',
		required: true,
		options: opts([
			['eigen-zetel', 'Het partnerschap heeft een eigen plek aan de bestuurs- of stuurgroeptafel'],
			['via-besturen', 'Het partnerschap is er via een of meer aangesloten besturen bij betrokken'],
			['samenvallend', 'Partnerschap en onderwijsregio vallen grotendeels samen'],
			['onduidelijk', 'Onze positie is nog niet bepaald of onduidelijk'],
			['niet-aangesloten', 'We zijn (nog) niet bij een onderwijsregio aangesloten']
		]),
		allowExplanation: true
	},
	{
		key: 'regie-kwaliteit',
		type: 'single',
		prompt: 'Bij wie ligt de regie op de kwaliteit van samen opleiden en professionaliseren?',
		help: 'Denk aan de situatie zoals die nu is, niet zoals die op papier bedoeld is.',
		required: true,
		options: opts([
			['partnerschap', 'Bij het partnerschap zelf'],
			['onderwijsregio', 'Bij de onderwijsregio of haar penvoerder'],
			['gedeeld', 'Gedeeld tussen partnerschap en onderwijsregio'],
			['instituten', 'Vooral bij de lerarenopleidingen'],
			['open', 'Dat is nog niet afgesproken']
		]),
		allowExplanation: true
	},
	{
		key: 'regionale-context',
		type: 'single',
		prompt: 'Hoe ziet de regionale context van jullie partnerschap eruit?',
		required: true,
		options: opts([
			['enige', 'We zijn het enige partnerschap in onze onderwijsregio'],
			['enkele', 'We delen de regio met een of enkele andere partnerschappen'],
			['meerdere-regios', 'Ons werkgebied valt onder meer dan één onderwijsregio'],
			['geen-regio', 'Voor ons werkgebied is nog geen onderwijsregio gevormd']
		]),
		allowExplanation: true
	},
	{
		key: 'overzicht-regiovorming',
		type: 'scale',
		prompt: 'Hoe helder is het proces van de regiovorming op dit moment voor jullie partnerschap?',
		required: false,
		scale: { min: 1, max: 5, minLabel: 'Nog volkomen onhelder', maxLabel: 'Helemaal helder' },
		allowExplanation: false
	},
	{
		key: 'urgente-vraagstukken',
		type: 'ranking',
		prompt: 'Zet deze vraagstukken in volgorde van urgentie voor jullie partnerschap.',
		help: 'Het meest urgente bovenaan.',
		required: true,
		options: opts([
			['positie', 'De gewenste positie in de onderwijsregio verwerven'],
			['betrokkenheid', 'Samen opleiden een volwaardige plek geven in de regio'],
			['netwerk', 'Het netwerk dat we hebben opgebouwd blijven benutten'],
			['besluitvorming', 'Besluiten in de regio echt samen nemen'],
			['financiering', 'De financiering van het partnerschap veiligstellen'],
			['kwaliteit', 'Kwaliteit bewaken en groeien naar volledig samen opleiden']
		]),
		allowExplanation: true
	},
	{
		key: 'eigen-vraag',
		type: 'text',
		prompt:
			'Welke vraag wil je tijdens de opdenksessie in elk geval met collega-programmaleiders bespreken?',
		required: false,
		allowExplanation: false
	}
];

export interface TemplateTable {
	name: string;
	topic: string;
	description: string;
}

export const OPDENKSESSIE_TABLES: readonly TemplateTable[] = [
	{
		name: 'Tafel 1 · Ecosysteem',
		topic: 'De onderwijsregio als netwerk van netwerken',
		description: 'Wat brengt ons partnerschap in, en wat halen we er samen met anderen uit?'
	},
	{
		name: 'Tafel 2 · Positie',
		topic: 'De plek van het partnerschap in de onderwijsregio',
		description: 'Welke rol kiezen we, en hoe krijgen we die ook?'
	},
	{
		name: 'Tafel 3 · Programmaleider',
		topic: 'De rol van de programmaleider',
		description: 'Invloed houden als je zelf niet aan de bestuurstafel zit.'
	},
	{
		name: 'Tafel 4 · Meerdere regio’s',
		topic: 'Eén partnerschap in meerdere onderwijsregio’s',
		description: 'Hoe houden we afspraken en werkgebied werkbaar?'
	},
	{
		name: 'Tafel 5 · Buren',
		topic: 'Meerdere partnerschappen in één onderwijsregio',
		description: 'Elkaar aanvullen in plaats van beconcurreren.'
	},
	{
		name: 'Tafel 6 · Open tafel',
		topic: 'Wat elders geen plek vindt',
		description: 'Ruimte voor vraagstukken die aan de andere tafels niet aan bod komen.'
	}
];

// Each theme comes with its description and words, so a new meeting's themes can be suggested at once.
export const OPDENKSESSIE_THEMES = [
	{ name: 'Governance', color: '#0b4f8a', description: THEME_DESCRIPTIONS.governance, words: [...GOVERNANCE_WORDS] },
	{ name: 'Financiën', color: '#8a4b00', description: THEME_DESCRIPTIONS.finance, words: [...FINANCE_WORDS] },
	{ name: 'Kwaliteit', color: '#155d2b', description: THEME_DESCRIPTIONS.quality, words: [...QUALITY_WORDS] }
];
