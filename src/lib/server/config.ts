// Configuration is read from the environment once and validated here; the README documents every variable.
import { NODE_NAME_RULE, nodeName } from './ops/node-name.ts';

export interface RateLimitConfig {
	/** Login attempts per client IP per minute (a venue network shares one IP: keep it generous). */
	loginPerIpPerMinute: number;
	/**
	 * Failed logins per account per 15 minutes from one device that signed in before, or from one
	 * address for other devices (strict: protects one password without locking the owner out).
	 */
	loginPerAccountPer15Minutes: number;
	/** Failed logins per account per 15 minutes from all devices that never signed in, together. */
	loginUnknownDevicesPer15Minutes: number;
	/** Joins per client IP per minute; also the budget of join-code lookups per address and minute. */
	joinPerIpPerMinute: number;
	/** What a join-code lookup that finds no meeting costs from that budget (a success costs 1). */
	joinGuessCost: number;
	/** Commands per person per minute, whichever door (a flood is refused with 429; people never get near). */
	commandsPerPersonPerMinute: number;
}

export interface HubConfig {
	/** Open WebSockets one participant's login may hold. */
	socketsPerParticipant: number;
	/** Open WebSockets one facilitator's or admin's login, or one projector link, may hold. */
	socketsPerStaff: number;
	/** Sync requests (step 1) one socket may make at once, refilled over 20 s; beyond: unanswered. */
	syncBurst: number;
}

export interface Config {
	port: number;
	host: string;
	/** Exact public origin (https in production). Null: the origin of each request is used. */
	origin: string | null;
	/** Base URL for join links and QR codes. Null: the request's origin. */
	publicUrl: string | null;
	/**
	 * PostgreSQL's connection URL (`postgres://…` or `postgresql://…`), which selects PostgreSQL; null: the
	 * SQLite file at databasePath (see db/open.ts).
	 */
	databaseUrl: string | null;
	/**
	 * Redis between processes (hints, control messages, shared limits): only with PostgreSQL, where it
	 * turns on cluster mode (see src/lib/server/cluster/index.ts). Null: one process, nothing shared.
	 */
	redisUrl: string | null;
	/** This process in lease names and logs (DENKTAFEL_NODE_NAME, default `<hostname>:<pid>`). */
	nodeName: string;
	/** How often, in cluster mode, every loaded room re-checks SQL (repairs a lost hint). */
	clusterRepairMs: number;
	databasePath: string;
	/** SQLite's synchronous mode: normal (survives a killed process) or full (also a power cut); see db/client.ts. */
	databaseSynchronous: 'full' | 'normal';
	demo: boolean;
	adminEmail: string | null;
	adminPassword: string | null;
	sessionDays: number;
	rateLimits: RateLimitConfig;
	metricsToken: string | null;
	/** Days after a closed or archived meeting's last activity when its personal data is deleted; 0 never. */
	retentionDays: number;
	/**
	 * WebSocket ping period: a socket that answers no ping for one period is cut (viewers may send
	 * nothing else, so liveness is ping/pong). Short values are for tests.
	 */
	wsPingIntervalMs: number;
	hub: HubConfig;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
	}
	return value;
}

function url(env: Env, name: string): string | null {
	const raw = env[name];
	if (!raw) return null;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new ConfigError(`${name} must be an absolute URL such as https://denktafel.example.nl`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new ConfigError(`${name} must use http or https`);
	}
	return name === 'ORIGIN' ? parsed.origin : raw.replace(/\/+$/, '');
}

function choice<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
	const raw = env[name]?.toLowerCase();
	if (raw === undefined || raw === '') return fallback;
	if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${env[name]}"`);
	return raw as T;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
	if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
	throw new ConfigError(`${name} must be 1 or 0, got "${raw}"`);
}

/** DATABASE_URL: unset for SQLite, else a PostgreSQL URL (another scheme is a mistake, not SQLite). */
function databaseUrl(env: Env): string | null {
	const value = env.DATABASE_URL?.trim();
	if (!value) return null;
	if (!/^postgres(ql)?:\/\//i.test(value)) {
		throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/name); leave it unset for SQLite (DATABASE_PATH)');
	}
	return value;
}

/**
 * REDIS_URL: only with DATABASE_URL. A SQLite file is one process by design (its one writer lives in
 * that process), so Redis beside it would suggest a cluster that cannot work: refused at start, not ignored.
 */
function redisUrl(env: Env, databaseUrl: string | null): string | null {
	const value = env.REDIS_URL?.trim();
	if (!value) return null;
	if (!/^rediss?:\/\/[^/]/i.test(value)) {
		throw new ConfigError('REDIS_URL must be a Redis URL (redis://host:6379 or rediss://…)');
	}
	if (databaseUrl === null) {
		throw new ConfigError('REDIS_URL needs DATABASE_URL (PostgreSQL): several processes cannot share one SQLite file; unset REDIS_URL to run one process on SQLite');
	}
	return value;
}

function validNodeName(env: Env): string {
	const value = env.DENKTAFEL_NODE_NAME?.trim();
	if (value && !NODE_NAME_RULE.test(value)) throw new ConfigError('DENKTAFEL_NODE_NAME must be 1 to 100 letters, digits or . : @ _ -');
	return nodeName(env);
}

export function readConfig(env: Env = process.env): Config {
	const adminEmail = env.DENKTAFEL_ADMIN_EMAIL?.trim().toLowerCase() || null;
	const adminPassword = env.DENKTAFEL_ADMIN_PASSWORD || null;
	if ((adminEmail === null) !== (adminPassword === null)) {
		throw new ConfigError('Set DENKTAFEL_ADMIN_EMAIL and DENKTAFEL_ADMIN_PASSWORD together');
	}
	if (adminEmail !== null && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
		throw new ConfigError('DENKTAFEL_ADMIN_EMAIL is not an email address');
	}
	return {
		port: integer(env, 'PORT', 3000, 0, 65535),
		host: env.HOST || '0.0.0.0',
		origin: url(env, 'ORIGIN'),
		publicUrl: url(env, 'PUBLIC_URL'),
		databaseUrl: databaseUrl(env),
		redisUrl: redisUrl(env, databaseUrl(env)),
		nodeName: validNodeName(env),
		clusterRepairMs: integer(env, 'CLUSTER_REPAIR_MS', 30_000, 100, 3_600_000),
		databasePath: env.DATABASE_PATH || 'data/denktafel.db',
		databaseSynchronous: choice(env, 'DATABASE_SYNCHRONOUS', ['full', 'normal'] as const, 'normal'),
		demo: flag(env, 'DENKTAFEL_DEMO', true),
		adminEmail,
		adminPassword,
		sessionDays: integer(env, 'SESSION_DAYS', 30, 1, 365),
		rateLimits: {
			loginPerIpPerMinute: integer(env, 'RATE_LIMIT_LOGIN_PER_IP', 300, 1, 100000),
			loginPerAccountPer15Minutes: integer(env, 'RATE_LIMIT_LOGIN_PER_ACCOUNT', 10, 1, 10000),
			loginUnknownDevicesPer15Minutes: integer(env, 'RATE_LIMIT_LOGIN_UNKNOWN_DEVICES', 100, 1, 100000),
			joinPerIpPerMinute: integer(env, 'RATE_LIMIT_JOIN_PER_IP', 600, 1, 100000),
			joinGuessCost: integer(env, 'RATE_LIMIT_JOIN_GUESS_COST', 20, 1, 10000),
			commandsPerPersonPerMinute: integer(env, 'RATE_LIMIT_COMMANDS_PER_PERSON', 600, 1, 100000)
		},
		metricsToken: env.METRICS_TOKEN || null,
		retentionDays: integer(env, 'RETENTION_DAYS', 365, 0, 3650),
		wsPingIntervalMs: integer(env, 'WS_PING_INTERVAL_MS', 30_000, 200, 600_000),
		hub: {
			socketsPerParticipant: integer(env, 'WS_MAX_SOCKETS_PER_PARTICIPANT', 12, 1, 100_000),
			socketsPerStaff: integer(env, 'WS_MAX_SOCKETS_PER_STAFF', 64, 1, 100_000),
			syncBurst: integer(env, 'WS_SYNC_BURST', 4, 1, 1_000_000)
		}
	};
}

let cached: Config | null = null;

/** The process-wide configuration, read on first use. */
export function config(): Config {
	cached ??= readConfig();
	return cached;
}
