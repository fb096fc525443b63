import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Random bytes drawn from the system's CSPRNG a few kilobytes at a time and handed out once each (as
// Node's own randomUUID does): a draw per id was a visible share of adding a card (#18).
const POOL_BYTES = 13 * 256;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

/** A random id (20 lowercase base32 characters, 100 bits): safe in URLs and room names. */
export function newId(): string {
	if (used + 13 > POOL_BYTES) {
		crypto.getRandomValues(pool);
		used = 0;
	}
	// A copy: the pool's bytes are overwritten at the next draw.
	const bytes = pool.slice(used, used + 13);
	used += 13;
	return encodeBase32LowerCaseNoPadding(bytes).slice(0, 20);
}
