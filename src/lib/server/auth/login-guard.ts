import { TokenBucket } from './rate-limit.ts';

// Throttle the guesser, not the owner. A lock per account alone lets anyone keep the owner out with
// a wrong password now and then (ten tries, then one every 90 s). So failures are counted where the
// guesser is: per device for a browser that signed in to this account before (it carries our device
// cookie), and per address for every other browser, with a wider cap per account over all unknown
// devices so guessing from many addresses also ends. The owner's known browser is never throttled
// by someone else's failures.

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;
/** Known devices remembered per account: a person's few browsers, not a history. */
const DEVICES_PER_ACCOUNT = 20;

export interface LoginGuardLimits {
	/** Attempts per address per minute, successes included (a venue shares one address). */
	perIpPerMinute: number;
	/** Failed attempts per account per 15 minutes from one device or one unknown-device address. */
	failuresPer15Minutes: number;
	/** Failed attempts per account per 15 minutes from all unknown devices together. */
	unknownDeviceFailuresPer15Minutes: number;
}

export interface LoginAttempt {
	/** Normalised email: the account the attempt is about (it may not exist). */
	account: string;
	ip: string;
	/** The device cookie's value, if the browser has one. */
	device: string | null;
}

export class LoginGuard {
	readonly #perIp: TokenBucket;
	readonly #perDevice: TokenBucket;
	readonly #perAccountUnknown: TokenBucket;
	readonly #known = new Map<string, string[]>();

	constructor(limits: LoginGuardLimits) {
		this.#perIp = new TokenBucket(limits.perIpPerMinute, MINUTE);
		this.#perDevice = new TokenBucket(limits.failuresPer15Minutes, WINDOW);
		this.#perAccountUnknown = new TokenBucket(limits.unknownDeviceFailuresPer15Minutes, WINDOW);
	}

	#isKnown(attempt: LoginAttempt): boolean {
		return attempt.device !== null && (this.#known.get(attempt.account)?.includes(attempt.device) ?? false);
	}

	#deviceKey(attempt: LoginAttempt): string {
		return this.#isKnown(attempt) ? `${attempt.account}\u0000device:${attempt.device}` : `${attempt.account}\u0000ip:${attempt.ip}`;
	}

	/** Counts a login attempt against its address; false means "too many, wait" (nothing is checked). */
	admitLogin(attempt: LoginAttempt, now = Date.now()): boolean {
		if (!this.#perIp.consume(attempt.ip, now)) return false;
		return this.allowsPasswordCheck(attempt, now);
	}

	/** False while this device (or unknown devices of this address, or all of them) failed too often. */
	allowsPasswordCheck(attempt: LoginAttempt, now = Date.now()): boolean {
		if (this.#perDevice.exhausted(this.#deviceKey(attempt), now)) return false;
		return this.#isKnown(attempt) || !this.#perAccountUnknown.exhausted(attempt.account, now);
	}

	/** A wrong password for this account: at login, or as the current password when changing it. */
	recordFailure(attempt: LoginAttempt, now = Date.now()): void {
		this.#perDevice.consume(this.#deviceKey(attempt), now);
		if (!this.#isKnown(attempt)) this.#perAccountUnknown.consume(attempt.account, now);
	}

	/** The right password: this browser is now one of the account's known devices. */
	recordSuccess(attempt: LoginAttempt & { device: string }): void {
		const devices = (this.#known.get(attempt.account) ?? []).filter((d) => d !== attempt.device);
		devices.push(attempt.device);
		this.#known.set(attempt.account, devices.slice(-DEVICES_PER_ACCOUNT));
		this.#perDevice.reset(this.#deviceKey(attempt));
	}
}
