import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random id (20 lowercase base32 characters, 100 bits): safe in URLs and room names. */
export function newId(): string {
	const bytes = new Uint8Array(13);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes).slice(0, 20);
}
