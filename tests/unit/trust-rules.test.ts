import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { safeRedirectTarget } from '../../src/lib/server/http/safe-redirect.ts';
import { hasVisibleText } from '../../src/lib/realtime/visible-text.ts';
import { neutraliseUnsafeLinks } from '../../src/lib/server/security/markdown-links.ts';
import { LoginGuard } from '../../src/lib/server/auth/login-guard.ts';
import { CostBucket } from '../../src/lib/server/security/cost-bucket.ts';
import { SyncAnswers } from '../../server/hub/sync-answer.ts';

describe('redirect targets', () => {
	it('encode characters beyond Latin-1 and never collapse into another origin', () => {
		expect(safeRedirectTarget('/日本', '/')).toBe('/%E6%97%A5%E6%9C%AC');
		expect(safeRedirectTarget('/€?q=€#€', '/')).toBe('/%E2%82%AC?q=%E2%82%AC#%E2%82%AC');
		expect(safeRedirectTarget('/.//evil.example', '/fallback')).toBe('/fallback');
		expect(safeRedirectTarget('/\ud800', '/fallback')).toBe('/%EF%BF%BD');
	});
});

describe('visible text', () => {
	it('finds nothing to see in invisible characters alone, and something in real text', () => {
		for (const text of ['\u200b', '\u2060', '\u2800', '\u3164', '\u115f', '\u1160', '\uffa0', '\u200e\u200f', '\u00ad', '\ufeff', '\u{e0041}', '\ufe0f', ' \t\n']) {
			expect(hasVisibleText(text), JSON.stringify(text)).toBe(false);
		}
		for (const text of ['a', '\u200bvraag', '日本', '👍', '?']) expect(hasVisibleText(text), text).toBe(true);
	});
});

describe("links in the facilitator's Markdown", () => {
	it('keep web, mail and relative links, and turn script links into text', () => {
		expect(neutraliseUnsafeLinks('[a](https://x.nl) [b](mailto:a@b.nl) [c](#kop) [d](/pad)')).toBe('[a](https://x.nl) [b](mailto:a@b.nl) [c](#kop) [d](/pad)');
		expect(neutraliseUnsafeLinks('[a](javascript:alert(1))')).toBe('[a]\\(javascript:alert(1))');
		expect(neutraliseUnsafeLinks('[ok](#x) [b](JAVA\tSCRIPT:x)')).toBe('[ok](#x) [b]\\(JAVA\tSCRIPT:x)');
		expect(neutraliseUnsafeLinks('![i](\n data:text/html,x)')).toBe('![i]\\(\n data:text/html,x)');
		expect(neutraliseUnsafeLinks('[r]: vbscript:x')).toBe('[r]\\: vbscript:x');
		expect(neutraliseUnsafeLinks('[r]: https://x.nl')).toBe('[r]: https://x.nl');
	});
});

describe('the login guard', () => {
	const limits = { perIpPerMinute: 1000, failuresPer15Minutes: 3, unknownDeviceFailuresPer15Minutes: 6 };

	it("throttles the guesser's address and leaves the owner's known device alone", () => {
		const guard = new LoginGuard(limits);
		const owner = { account: 'a@x.nl', ip: '1.1.1.1', device: 'owner-device' };
		guard.recordSuccess(owner);
		const guesser = { account: 'a@x.nl', ip: '6.6.6.6', device: null };
		for (let i = 0; i < 3; i++) {
			expect(guard.admitLogin(guesser, 0)).toBe(true);
			guard.recordFailure(guesser, 0);
		}
		expect(guard.admitLogin(guesser, 0)).toBe(false);
		expect(guard.admitLogin({ ...owner, ip: '6.6.6.6' }, 0)).toBe(true);
		expect(guard.admitLogin({ account: 'a@x.nl', ip: '2.2.2.2', device: 'new' }, 0)).toBe(true);
	});

	it('ends guessing spread over many addresses at the per-account cap for unknown devices', () => {
		const guard = new LoginGuard(limits);
		for (let i = 0; i < 6; i++) guard.recordFailure({ account: 'b@x.nl', ip: `9.9.9.${i}`, device: null }, 0);
		expect(guard.admitLogin({ account: 'b@x.nl', ip: '9.9.9.200', device: null }, 0)).toBe(false);
		guard.recordSuccess({ account: 'b@x.nl', ip: '1.1.1.1', device: 'known' });
		expect(guard.admitLogin({ account: 'b@x.nl', ip: '9.9.9.200', device: 'known' }, 0)).toBe(true);
	});
});

describe('a cost bucket', () => {
	it('lets a miss cost more than a success and go into debt', () => {
		const bucket = new CostBucket(100, 60_000);
		for (let i = 0; i < 50; i++) bucket.charge('ok', 1, 0);
		expect(bucket.allows('ok', 0)).toBe(true);
		for (let i = 0; i < 6; i++) bucket.charge('bad', 20, 0);
		expect(bucket.allows('bad', 0)).toBe(false);
		// 20 in debt: a full refill minute is needed before the next try, not a few seconds.
		expect(bucket.allows('bad', 10_000)).toBe(false);
		expect(bucket.allows('bad', 15_000)).toBe(true);
	});
});

describe('answers to sync step 1', () => {
	it('shares one encoding of the whole doc per version, and says "nothing missing" to a client that has it all', () => {
		const doc = new Y.Doc();
		doc.getMap('cards').set('a', 'x'.repeat(1000));
		const answers = new SyncAnswers(doc);
		const whole = answers.answer(Y.encodeStateVector(new Y.Doc()));
		expect(whole).toBe(answers.answer(Y.encodeStateVector(new Y.Doc())));
		expect(whole.byteLength).toBeGreaterThan(1000);
		expect(answers.answer(Y.encodeStateVector(doc)).byteLength).toBeLessThan(8);
		doc.getMap('cards').set('b', 'y');
		answers.invalidate();
		expect(answers.answer(Y.encodeStateVector(new Y.Doc()))).not.toBe(whole);
	});
});
