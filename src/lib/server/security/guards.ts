import { config } from '../config.ts';
import { LoginGuard } from '../auth/login-guard.ts';
import { CostBucket } from './cost-bucket.ts';

// The process-wide guards against guessing (in memory: one process is the deployment unit, and a
// restart forgets them, as it forgets the other rate limits).

const MINUTE = 60_000;
let login: LoginGuard | null = null;
let joinCodes: CostBucket | null = null;

/** Login attempts and current-password checks (see login-guard.ts). */
export function loginGuard(): LoginGuard {
	const r = config().rateLimits;
	login ??= new LoginGuard({
		perIpPerMinute: r.loginPerIpPerMinute,
		failuresPer15Minutes: r.loginPerAccountPer15Minutes,
		unknownDeviceFailuresPer15Minutes: r.loginUnknownDevicesPer15Minutes
	});
	return login;
}

function joinCodeBucket(): CostBucket {
	joinCodes ??= new CostBucket(config().rateLimits.joinPerIpPerMinute, MINUTE);
	return joinCodes;
}

/**
 * Join codes are short enough to guess, so every lookup (the link /join/<code>, the code form on
 * the home page) is paid for per address: a found code costs 1, a miss `joinGuessCost`. A hundred
 * people joining in a minute behind one venue address use a few hundred of the default 600; a
 * guesser gets about thirty misses a minute.
 */
export const joinCodeLookups = {
	allows(address: string, now = Date.now()): boolean {
		return joinCodeBucket().allows(address, now);
	},
	record(address: string, found: boolean, now = Date.now()): void {
		joinCodeBucket().charge(address, found ? 1 : config().rateLimits.joinGuessCost, now);
	}
};
