import type { Actor, Session } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			session: Session | null;
			actor: Actor | null;
			/** Set by handleError when the database could not be reached: the response becomes a 503. */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
			/** `database-unavailable`: the message explains it (the page shows it instead of the generic 5xx text). */
			code?: 'database-unavailable';
		}
	}
}

export {};
