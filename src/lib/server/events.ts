import type { BoardCard } from '../realtime/board-doc.ts';

// Changes that committed commands publish to the realtime hub, as plain data (they cross the seam
// between the SvelteKit bundle and the Node-run hub).
export type DomainChange =
	| { type: 'card.upserted'; meetingId: string; tableId: string; card: BoardCard }
	| { type: 'card.removed'; meetingId: string; tableId: string; cardId: string };

export interface ChangePublisher {
	/** Must not throw: the command is already committed when this is called. */
	publish(change: DomainChange): void;
}
