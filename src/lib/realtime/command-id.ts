/**
 * A client-made command id. `crypto.randomUUID` exists only on secure origins, and phones on the
 * venue Wi-Fi use plain http: fall back to 128 random bits in hex.
 */
export function newCommandId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
