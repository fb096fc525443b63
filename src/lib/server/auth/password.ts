import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export type PasswordProblem = 'too-short' | 'too-long' | 'too-simple' | 'contains-email-name';

/** Returns what is wrong with a new password, or null when it is acceptable. */
export function checkPasswordRules(password: string, email?: string): PasswordProblem | null {
	if (password.length < PASSWORD_MIN) return 'too-short';
	if (password.length > PASSWORD_MAX) return 'too-long';
	if (new Set(password).size < 4) return 'too-simple';
	// The part before the @ is the first thing a guesser tries; say so rather than call a long sentence simple.
	if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4) return 'contains-email-name';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash must read as "wrong password", not as a server error.
		return false;
	}
}

/** A readable one-time password: 4 groups of 4 characters without look-alikes. */
export function generatePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
	return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
