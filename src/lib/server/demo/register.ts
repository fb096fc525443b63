import type { Sector } from '../db/schema.ts';

// Made-up register for demo mode: invented partnership and region names, realistic in shape
// (one or more sectors, sometimes more than one region).
export const DEMO_REGIONS = [
	'Onderwijsregio Waddenkust',
	'Onderwijsregio IJsseldelta',
	'Onderwijsregio Heuvelland',
	'Onderwijsregio Groene Hart',
	'Onderwijsregio Kempen-Oost',
	'Onderwijsregio Lingewaard',
	'Onderwijsregio Zeeuwse Stromen',
	'Onderwijsregio Veluwerand'
] as const;

type Region = (typeof DEMO_REGIONS)[number];

export const DEMO_PARTNERSHIPS: ReadonlyArray<{ name: string; sectors: Sector[]; regions: Region[] }> = [
	{ name: 'Samen Opleiden Waddenkust', sectors: ['po'], regions: ['Onderwijsregio Waddenkust'] },
	{ name: 'Opleidingsschool De Kwelder', sectors: ['vo', 'mbo'], regions: ['Onderwijsregio Waddenkust'] },
	{ name: 'Partnerschap IJsselkracht', sectors: ['po', 'vo'], regions: ['Onderwijsregio IJsseldelta'] },
	{ name: 'Academie Deltaleren', sectors: ['mbo'], regions: ['Onderwijsregio IJsseldelta', 'Onderwijsregio Veluwerand'] },
	{ name: 'Opleiden in het Heuvelland', sectors: ['po'], regions: ['Onderwijsregio Heuvelland'] },
	{ name: 'Kennisnetwerk Maasterras', sectors: ['vo'], regions: ['Onderwijsregio Heuvelland'] },
	{ name: 'Partnerschap Groene Hart Leert', sectors: ['po', 'vo', 'mbo'], regions: ['Onderwijsregio Groene Hart'] },
	{ name: 'Opleidingsschool Polderpoort', sectors: ['vo'], regions: ['Onderwijsregio Groene Hart'] },
	{ name: 'Samen Opleiden Kempen', sectors: ['po'], regions: ['Onderwijsregio Kempen-Oost'] },
	{ name: 'Vakmanschap Kempen-Oost', sectors: ['mbo'], regions: ['Onderwijsregio Kempen-Oost'] },
	{ name: 'Partnerschap Lingeleraar', sectors: ['po', 'vo'], regions: ['Onderwijsregio Lingewaard'] },
	{ name: 'Opleidingsnetwerk Betuwe Breed', sectors: ['vo', 'mbo'], regions: ['Onderwijsregio Lingewaard', 'Onderwijsregio Veluwerand'] },
	{ name: 'Zeeuws Opleidingsverband', sectors: ['po', 'vo', 'mbo'], regions: ['Onderwijsregio Zeeuwse Stromen'] },
	{ name: 'Partnerschap Schelde en Strand', sectors: ['po'], regions: ['Onderwijsregio Zeeuwse Stromen'] },
	{ name: 'Veluwse Opleidingsschool', sectors: ['vo'], regions: ['Onderwijsregio Veluwerand'] },
	{ name: 'Leren aan de Rand', sectors: ['po', 'mbo'], regions: ['Onderwijsregio Veluwerand'] }
];
