import type { ThemeWord } from '../themes/types.ts';

// The words of the template's three themes, written for this project from the policy vocabulary of the
// Platform's documents (partnerships, education regions, bekostiging, kwaliteitskader). Nouns and verbs;
// the theme engine adds verb forms (betalen → betaalt, betaald) and plural forms itself.
// (Not "scholing": Snowball gives it the stem of "scholen", the schools every card mentions.)
// Weak words turn up in nearly every key question of this field (regio, school, opleiding, partnerschap):
// they may tip a close call but never decide one alone. Entries of several words are frames of a question
// (wie zit aan tafel, wat kost): they must appear in this order and count like the question's main verb.

const w = (list: string): ThemeWord[] =>
	list
		.split(/\s*,\s*/)
		.filter(Boolean)
		.map((entry) => (entry.endsWith('~') ? { term: entry.slice(0, -1), weak: true } : { term: entry }));

export const GOVERNANCE_WORDS: readonly ThemeWord[] = w(`
	governance, bestuur, besturen, bestuurder, bestuurlijk, bestuurslaag, bestuursstructuur, bestuurstafel,
	stuurgroep, sturing, sturen, aansturen, aansturing, regie, besluit, besluiten, beslissen, besluitvorming,
	zeggenschap, mandaat, bevoegdheid, doorzettingsmacht, penvoerder, penvoerderschap, vertegenwoordigen,
	vertegenwoordiger, vertegenwoordiging, zetel, stem, stemrecht, rechtsvorm, convenant, toezicht,
	verantwoordelijk, verantwoordelijkheid, eindverantwoordelijk, eigenaar, eigenaarschap, aanspreekbaar,
	voorzitter, bepalen, vaststellen, invloed, inspraak, rolverdeling, leiderschap, baas, overeenkomst,
	verankeren,
	medezeggenschap, taakverdeling, taak, coördineren, agenda, rol, positie, positionering, netwerkorganisatie,
	alliantie~, overleg~, structuur~, afspraak~, samenwerking~, samenwerken~, partnerschap~, regio~,
	onderwijsregio~, tafel~, organisatie~, verantwoording~, namens, aan tafel,
	wie zit, wie zitten, laatste woord, knoop door, bij wie ligt, wie kiest, stelt vast, stellen vast
`);

export const FINANCE_WORDS: readonly ThemeWord[] = w(`
	financiën, financieel, financiering, financieren, financier, financieringsstroom, bekostiging, bekostigen,
	geld, geldstroom, middel, middelen, budget, begroting, begroten, kosten, kost, kostprijs, betalen, betaling,
	vergoeden, vergoeding, subsidie, subsidiëren, subsidieregeling, lumpsum, oormerken, geoormerkt, investeren,
	investering, besteden, besteding, uitgave, uitgeven, tekort, bezuiniging, bezuinigen, reserve, overhead,
	declareren, declaratie, bijleggen, bijdrage, loonkosten, salaris, euro, bedrag, afdragen, dekken, dekking,
	verdelen, verdeling, verdeelsleutel, projectgeld, tegemoetkoming, studiekosten, rekening, opbrengst,
	pot, fonds, verrekenen, huur, licentie, structureel~, uren~, uur~, fte~, regeling~, opleveren~,
	beschikbaar~, inkomsten, begrotingstekort, cofinanciering, loon, voor rekening, draait op, draaien op,
	wat kost, hoeveel geld, eigen bijdrage
`);

export const QUALITY_WORDS: readonly ThemeWord[] = w(`
	kwaliteit, kwaliteitszorg, kwaliteitskader, kwaliteitsborging, borgen, waarborgen, borging,
	verbeteren, verbetering, evalueren, evaluatie, meten, meting, monitoren, bewaken, review, visitatie,
	accreditatie, toetsen, toetsing, beoordelen, beoordeling, beoordelaar, begeleiding, begeleiden,
	begeleider, werkplekbegeleider, schoolopleider, inductie, professionalisering, professionaliseren, nascholing,
	geschoold, deskundigheid, competentie, bekwaamheid, standaard, maatstaf, eis, norm,
	indicator, leeruitkomst, op peil, onderzoek, reflectie, feedback, curriculum, didactiek,
	vakmanschap, audit, stageplek, leerplek, zelfevaluatie, mentor, opleider, uitval, niveau,
	aansluiting, inspectie, startbekwaam, leren~, ontwikkeling~, ontwikkelen~, goed~, beter~, praktijk~,
	stage~, student~, opleiding~, opleiden~, school~, leraar~, resultaat~, visie~, beroep~, werkplek~,
	hoe weten we, doorgaande lijn, peer review, op niveau
`);

/** What each template theme is about, in a sentence (shown with the theme, and read for suggestions). */
export const THEME_DESCRIPTIONS = {
	governance: 'Wie beslist, wie zit aan tafel en hoe de samenwerking bestuurlijk is geregeld.',
	finance: 'Wie betaalt, wat het kost en hoe middelen worden verdeeld en besteed.',
	quality: 'Hoe we goed opleiden en begeleiden, en hoe we dat borgen en verbeteren.'
} as const;
