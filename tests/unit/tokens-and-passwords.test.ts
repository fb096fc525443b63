import { describe, expect, it } from 'vitest';
import { generateSessionToken, secretsEqual, sessionIdFromToken } from '../../src/lib/server/auth/tokens.ts';
import {
	checkPasswordRules,
	generatePassword,
	hashPassword,
	verifyPassword
} from '../../src/lib/server/auth/password.ts';

describe('session tokens', () => {
	it('are 32 base32 characters and never repeat', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
		expect(tokens.size).toBe(200);
		for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
	});

	it('are stored as their SHA-256 only', () => {
		const token = generateSessionToken();
		const id = sessionIdFromToken(token);
		expect(id).toMatch(/^[0-9a-f]{64}$/);
		expect(id).not.toContain(token);
		expect(sessionIdFromToken(token)).toBe(id);
	});

	it('compares secrets exactly', () => {
		expect(secretsEqual('abc', 'abc')).toBe(true);
		expect(secretsEqual('abc', 'abd')).toBe(false);
		expect(secretsEqual('abc', 'abcd')).toBe(false);
	});
});

describe('passwords', () => {
	it('hash with argon2id and verify only the right password', async () => {
		const hash = await hashPassword('een lange zin als wachtwoord');
		expect(hash.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(hash, 'een lange zin als wachtwoord')).toBe(true);
		expect(await verifyPassword(hash, 'een lange zin als wachtwoorD')).toBe(false);
	});

	it('treat a malformed stored hash as a wrong password', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
	});

	it('refuse short, overlong, repetitive and email-based passwords', () => {
		expect(checkPasswordRules('kort')).toBe('too-short');
		expect(checkPasswordRules('x'.repeat(201))).toBe('too-long');
		expect(checkPasswordRules('aaaaaaaaaaaa')).toBe('too-simple');
		expect(checkPasswordRules('marieke-2026!', 'marieke@example.nl')).toBe('contains-email-name');
		expect(checkPasswordRules('blauwe fiets op de dijk')).toBeNull();
	});

	it('generate one-time passwords that pass the rules', () => {
		for (let i = 0; i < 20; i++) {
			const p = generatePassword();
			expect(p).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
			expect(checkPasswordRules(p)).toBeNull();
		}
	});
});
