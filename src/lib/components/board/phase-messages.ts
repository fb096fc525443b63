import type { BoardMessage } from '$lib/realtime/board-doc';

/**
 * The facilitator's messages that belong to the phase the table is in now: a message sent during the
 * collect phase ("write at least two questions") would mislead once the table votes.
 */
export function phaseMessages(messages: readonly BoardMessage[], phaseSince: number | null | undefined): BoardMessage[] {
	return phaseSince == null ? [...messages] : messages.filter((message) => message.createdAt >= phaseSince);
}

