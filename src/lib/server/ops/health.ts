import type { Db } from '../db/client.ts';
import { probeDatabase } from '../db/probe.ts';

export type Health = { ok: true } | { ok: false; reason: string };

/** A real round trip to the database (see probeDatabase); a failure answers with its reason. */
export async function checkDatabase(db: () => Db): Promise<Health> {
	try {
		await probeDatabase(db());
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}
