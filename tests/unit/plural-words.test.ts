import { describe, expect, it } from 'vitest';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';
import { m } from '../../src/lib/paraglide/messages.js';

// One of something is singular, in the report (PDF, DOCX, Markdown) and on the board.
describe('counted words', () => {
	it('are singular for one and plural otherwise in the report', () => {
		const l = reportLabels();
		expect(l.participationSummary(1, 1, 1)).toBe('1 deelnemer; 1 van hen beantwoordde de poll (1 antwoord in totaal).');
		expect(l.participationSummary(100, 84, 453)).toBe('100 deelnemers; 84 van hen beantwoordden de poll (453 antwoorden in totaal).');
		expect(l.cardsAndVotes(1, 1)).toBe('1 kernvraag, 1 stem');
		expect(l.cardsAndVotes(5, 0)).toBe('5 kernvragen, 0 stemmen');
		expect(l.votes(1)).toBe('1 stem');
		expect(l.respondents(1)).toBe('1 deelnemer beantwoordde deze vraag.');
		expect(l.plenaryIntro(1)).toContain('(1 stem per deelnemer)');
	});

	it('are singular for one on screen, in both languages', () => {
		expect(m.boardui_votes({ count: 1 })).toBe('1 stem');
		expect(m.boardui_votes({ count: 2 })).toBe('2 stemmen');
		expect(m.boardui_votes({ count: 1 }, { locale: 'en' })).toBe('1 vote');
		expect(m.tablechoice_seated({ count: 1 })).toBe('1 deelnemer');
		expect(m.facil_plen_from({ table: 'Tafel C', rank: 1, votes: 1 })).toBe('Van Tafel C: plaats 1 met 1 stem');
		expect(m.i6s_search_results({ count: 1 }, { locale: 'en' })).toBe('1 key question found');
		expect(m.privacy_done({ participants: m.privacy_done_participants({ count: 1 }), invitations: m.privacy_done_invitations({ count: 2 }) })).toBe(
			'Gewist: 1 deelnemer is nu anoniem, 2 uitnodigingen verwijderd.'
		);
		expect(m.register_region_usage({ partnerships: m.count_partnerships({ count: 1 }), participants: m.count_participants({ count: 0 }) })).toBe(
			'1 partnerschap, 0 deelnemers'
		);
		expect(m.boardsall_figures({ cards: m.count_cards({ count: 1 }, { locale: 'en' }), votes: m.boardui_votes({ count: 1 }, { locale: 'en' }), present: 3 }, { locale: 'en' })).toBe(
			'1 card, 1 vote, 3 present'
		);
	});

	it('are singular for one in the history, the poll, the dashboard and for screen readers', () => {
		expect(m.pollui_borda({ points: 1 })).toBe('1 punt');
		expect(m.pollui_borda({ points: 1 }, { locale: 'en' })).toBe('1 point');
		expect(m.hist_more_cards({ count: 1 })).toBe('(en nog 1 kaart)');
		expect(m.hist_more_cards({ count: 3 })).toBe('(en nog 3 kaarten)');
		expect(m.hist_p2b_created({ count: 1, table: 'Tafel 2' })).toBe('1 kaart gemaakt aan Tafel 2:');
		expect(m.hist_cards_changed({ count: 1 }, { locale: 'en' })).toBe('1 card changed');
		expect(m.boardui_time_left_spoken({ minutes: 1, seconds: 1 })).toBe('1 minuut en 1 seconde over');
		expect(m.boardui_time_left_spoken({ minutes: 2, seconds: 30 })).toBe('2 minuten en 30 seconden over');
		expect(m.boardui_time_left_spoken({ minutes: 0, seconds: 1 }, { locale: 'en' })).toBe('0 minutes and 1 second left');
		expect(m.facil_dash_minutes_ago({ minutes: 0 })).toBe('zojuist');
		expect(m.facil_dash_minutes_ago({ minutes: 1 })).toBe('1 minuut geleden');
		expect(m.facil_dash_minutes_ago({ minutes: 7 }, { locale: 'en' })).toBe('7 minutes ago');
		expect(m.error_poll_needs_confirmation({ count: 1 })).toContain('verwijdert 1 antwoord.');
		expect(m.boardui_notice_votes_returned({ count: 1, text: 'X' })).toContain('Je hebt 1 stem terug');
		expect(m.boardui_waiting_count({ count: 1 })).toBe('1 actie wacht op de verbinding en wordt dan verstuurd.');
		expect(m.register_error_region_in_use({ count: 1 })).toContain('door 1 deelnemer gekozen');
		expect(m.invite_rotated({ count: 1 }, { locale: 'en' })).toBe('1 new link made. The old one no longer works.');
		expect(m.boardui_votes_left({ left: 0, budget: 1 })).toBe('Je hebt nog 0 van 1 stem');
		expect(m.boardui_votes_left({ left: 2, budget: 3 })).toBe('Je hebt nog 2 van 3 stemmen');
		expect(m.facil_plen_phase_now({ phase: 'De zaal stemt', budget: 1 })).toBe('Nu: De zaal stemt · 1 stem per deelnemer');
		expect(m.tablechoice_seated_of({ count: 1, max: 1 })).toBe('1 van 1 plaats bezet');
		expect(m.i6s_summary_of({ count: 1 }, { locale: 'en' })).toBe('Summary of 1 think session');
	});
});
