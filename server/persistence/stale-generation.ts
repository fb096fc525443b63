/**
 * Thrown by a store when a room's stored history was replaced (its generation moved on: personal data
 * deleted, a backup restored) since the store loaded it: writing the old doc's updates into the new
 * history would mix the two and could bring back what a deletion removed. The hub then reloads the room.
 */
export class StaleGenerationError extends Error {
	constructor(room: string) {
		super(`the stored history of ${room} was replaced (its generation changed); reload the room`);
		this.name = 'StaleGenerationError';
	}
}
