import { describe, expect, it } from 'vitest';
import { checkPasswordRules } from '../../src/lib/server/auth/password.ts';
import { errorMessage } from '../../src/lib/i18n/errors.ts';

// A message says what is really the matter, so people can act on it.
describe('a refused password', () => {
	it('that is a long sentence with the e-mail name in it says that, not "too simple"', () => {
		const problem = checkPasswordRules('Op zondag fietst marieke langs de dijk naar zee', 'marieke@example.nl');
		expect(problem).toBe('contains-email-name');
		const message = errorMessage(problem!);
		expect(message).toContain('je naam uit je e-mailadres');
		expect(message).not.toContain('eenvoudig');
	});

	it('that repeats a few characters is still called too simple', () => {
		expect(errorMessage(checkPasswordRules('abababababab')!)).toContain('te eenvoudig');
	});
});
