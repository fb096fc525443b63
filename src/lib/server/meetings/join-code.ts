// Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B),
// typed case-insensitively and with any spaces or dashes.
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

export function generateJoinCode(): string {
	const out: string[] = [];
	const bytes = new Uint8Array(16);
	while (out.length < JOIN_CODE_LENGTH) {
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			// Rejection sampling keeps every character equally likely.
			if (b < 250 && out.length < JOIN_CODE_LENGTH) out.push(JOIN_CODE_ALPHABET[b % 25]);
		}
	}
	return out.join('');
}

/** The canonical form of what someone typed, or null when it cannot be a join code. */
export function normalizeJoinCode(input: string): string | null {
	const code = input.replace(/[\s-]/g, '').toUpperCase();
	if (code.length !== JOIN_CODE_LENGTH) return null;
	for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
	return code;
}
