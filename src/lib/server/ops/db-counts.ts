import type { Db } from '../db/client.ts';
import { cards, meetings } from '../db/schema.ts';

/** How many meetings and cards the database holds (for /metrics). */
export async function databaseCounts(db: Db): Promise<{ meetings: number; cards: number }> {
	return { meetings: await db.$count(meetings), cards: await db.$count(cards) };
}
