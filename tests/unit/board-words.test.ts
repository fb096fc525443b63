import { describe, expect, it } from 'vitest';
import { m } from '../../src/lib/paraglide/messages.js';
import { getLocale, overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';
import { spokenTimeLeft } from '../../src/lib/components/board/phase-labels.ts';
import { shortText } from '../../src/lib/components/board/card-text.ts';
import { phaseMessages } from '../../src/lib/components/board/phase-messages.ts';

// The board's own words: one of something is singular, a long card keeps its text in a control's
// name, and a facilitator's message stays with the phase it was sent in.
describe('the board in words', () => {
	it('says the countdown with singular and plural', () => {
		expect(spokenTimeLeft(61)).toBe('1 minuut en 1 seconde over');
		expect(spokenTimeLeft(125)).toBe('2 minuten en 5 seconden over');
		expect(spokenTimeLeft(0)).toBe('0 minuten en 0 seconden over');
	});

	it('counts waiting actions, returned votes and history cards without “(s)”, “(men)” or “(en)”', () => {
		expect(m.boardnotice_waiting({ count: 1 })).toBe('1 actie wacht op de verbinding en wordt dan verstuurd.');
		expect(m.boardnotice_waiting({ count: 3 })).toBe('3 acties wachten op de verbinding en worden dan verstuurd.');
		expect(m.boardnotice_votes_returned({ count: 1, text: 'Vraag' })).toBe('Je hebt 1 stem terug: „Vraag” is samengevoegd of van het bord gehaald.');
		expect(m.boardhist_more_cards({ count: 1 })).toBe('(en nog 1 kaart)');
		expect(m.boardhist_more_cards({ count: 4 })).toBe('(en nog 4 kaarten)');
		expect(m.boardhist_cards_changed({ count: 1 })).toBe('1 kaart veranderd');
	});

	it('has every board message in English too', () => {
		const before = getLocale;
		overwriteGetLocale(() => 'en');
		try {
			expect(spokenTimeLeft(61)).toBe('1 minute and 1 second left');
			expect(m.boardhist_more_cards({ count: 1 })).toBe('(and 1 more card)');
		} finally {
			overwriteGetLocale(before);
		}
	});

	it('keeps a long card whole in a control name up to 200 characters, then cuts at a word', () => {
		const long = 'Hoe zorgen we dat de onderwijsregio de begeleiding van zij-instromers in het mbo en het voortgezet onderwijs goed regelt?';
		expect(shortText(long)).toBe(long);
		const cut = shortText(`${long} ${long}`);
		expect(cut.length).toBeLessThanOrEqual(200);
		expect(cut.endsWith('…')).toBe(true);
		expect(cut.slice(0, -1).endsWith(' ')).toBe(false);
	});

	it('shows only the messages sent since the table entered its phase', () => {
		const messages = [
			{ id: 'b', text: 'Nu stemmen', createdAt: 2000 },
			{ id: 'a', text: 'Schrijf twee vragen', createdAt: 1000 }
		];
		expect(phaseMessages(messages, 1500).map((x) => x.id)).toEqual(['b']);
		expect(phaseMessages(messages, 2000).map((x) => x.id)).toEqual(['b']);
		expect(phaseMessages(messages, null).map((x) => x.id)).toEqual(['b', 'a']);
	});
});
