import { m } from '$lib/paraglide/messages';
import type { BoardCard } from './board-doc';

/** A card on screen; `sending` marks one of ours the server has not confirmed yet. */
export type ShownCard = BoardCard & { sending?: true };

/** How a card we are still sending looks: last in line, with a key no server id can take. */
export function pendingCard(commandId: string, text: string, authorName: string | null): ShownCard {
	const at = Date.now();
	return {
		id: `sending:${commandId}`,
		text,
		authorName,
		themeId: null,
		clusterId: null,
		orderKey: '',
		createdAt: at,
		updatedAt: at,
		votes: null,
		merged: [],
		sending: true
	};
}

/** The sentence a screen reader hears for cards others added; null when there is nothing new. */
export function describeNewCards(added: readonly BoardCard[]): string | null {
	if (added.length > 1) return m.board_announce_many({ count: added.length });
	if (added.length === 0) return null;
	const { text, authorName } = added[0];
	return authorName
		? m.board_announce_card_by({ name: authorName, text })
		: m.board_announce_card({ text });
}
