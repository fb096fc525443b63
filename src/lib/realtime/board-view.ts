import { m } from '$lib/paraglide/messages';
import type { BoardCard } from './board-doc';

/** The sentence a screen reader hears for cards others added; null when there is nothing new. */
export function describeNewCards(added: readonly BoardCard[]): string | null {
	if (added.length > 1) return m.board_announce_many({ count: added.length });
	if (added.length === 0) return null;
	const { text, authorName } = added[0];
	return authorName
		? m.board_announce_card_by({ name: authorName, text })
		: m.board_announce_card({ text });
}
