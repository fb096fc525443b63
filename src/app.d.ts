import type { Actor, Session } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			session: Session | null;
			actor: Actor | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
