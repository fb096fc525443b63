import { m } from '$lib/paraglide/messages';

// What a logged board command did, in words, and the Amsterdam clock the history shows times on.

const LABELS: Record<string, () => string> = {
	'card.add': m.hist_type_card_add,
	'card.edit': m.hist_type_card_edit,
	'card.withdraw': m.hist_type_card_withdraw,
	'card.hide': m.hist_type_card_hide,
	'card.restore': m.hist_type_card_restore,
	'card.move': m.hist_type_card_move,
	'cards.accept-suggestions': m.themes_hist_accept_all,
	'card.merge': m.hist_type_card_merge,
	'cluster.create': m.hist_type_cluster_create,
	'cluster.rename': m.hist_type_cluster_rename,
	'cluster.move': m.hist_type_cluster_move,
	'cluster.merge': m.hist_type_cluster_merge,
	'cluster.dissolve': m.hist_type_cluster_dissolve,
	'vote.cast': m.hist_type_vote_cast,
	'vote.withdraw': m.hist_type_vote_withdraw,
	'phase.set': m.hist_type_phase_set,
	'board.restore': m.hist_type_board_restore,
	'command.undo': m.hist_type_command_undo,
	'cards.from-poll': m.hist_type_cards_from_poll
};

export function commandLabel(type: string): string {
	return Object.hasOwn(LABELS, type) ? LABELS[type]() : m.hist_type_other({ type });
}

/** "10:42:13" on the Amsterdam clock; with `withDate`, the day in front. */
export function amsterdamClock(ms: number, locale: string, withDate = false): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: 'Europe/Amsterdam',
		...(withDate ? { day: 'numeric', month: 'short' } : {}),
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).format(ms);
}
