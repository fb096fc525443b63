/**
 * One PostgreSQL connection kept for the lifetime of a process, for state that belongs to a session
 * (the meeting leases' advisory locks). It tells apart its successive sessions, says at once when one is
 * lost (an error, an end, or a keep-alive that goes unanswered), and reconnects with backoff.
 */
import pg from 'pg';
import { backoffDelay, type ClusterLog } from './backoff.ts';

export interface DedicatedConnectionOptions {
	url: string;
	/** Shown in pg_stat_activity, so an operator can see whose connection it is. */
	applicationName: string;
	keepAliveMs: number;
	keepAliveTimeoutMs: number;
	/** The session just ended (not called for `close`). Must not throw. */
	onLost: (error?: unknown) => void;
	/** A new session is up after a loss or a failed start. Must not throw. */
	onBack?: () => void;
	log: ClusterLog;
}

export interface DedicatedConnection {
	/**
	 * Runs one statement on the current session: its rows and the session that answered, or null when
	 * there is no session or it was lost before answering (a frozen server never answers: never wait on it).
	 */
	query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<{ rows: R[]; session: number } | null>;
	/** The current session's number, or null while down. Each reconnect is a new session. */
	readonly session: number | null;
	close(): Promise<void>;
}

interface Session {
	client: pg.Client;
	number: number;
	/** Settles (never rejects) when this session is lost. */
	gone: Promise<void>;
	markGone: () => void;
}

export function createDedicatedConnection(options: DedicatedConnectionOptions): DedicatedConnection {
	let current: Session | null = null;
	let connecting: Promise<void> | null = null;
	let sessions = 0;
	let attempt = 0;
	let closed = false;
	let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

	function connect(): void {
		const client = new pg.Client({
			connectionString: options.url,
			application_name: options.applicationName,
			keepAlive: true,
			connectionTimeoutMillis: 5_000
		});
		let markGone = () => {};
		const gone = new Promise<void>((resolve) => (markGone = resolve));
		const session: Session = { client, number: ++sessions, gone, markGone };
		// Both events can come for one death (an error, then the end): `lost` acts once per session.
		client.on('error', (error) => lost(session, error));
		client.on('end', () => lost(session));
		connecting = client
			.connect()
			.then(() => {
				if (closed) return void client.end().catch(() => {});
				current = session;
				if (attempt > 0) guard('onBack', () => options.onBack?.());
				attempt = 0;
			})
			.catch((error) => {
				if (attempt === 0) options.log('cannot connect; retrying with backoff', error);
				client.end().catch(() => {});
				scheduleReconnect();
			})
			.finally(() => {
				connecting = null;
			});
	}

	function scheduleReconnect(): void {
		if (closed || reconnectTimer) return;
		reconnectTimer = setTimeout(() => {
			reconnectTimer = null;
			if (!closed) connect();
		}, backoffDelay(attempt++));
		reconnectTimer.unref();
	}

	function lost(session: Session, error?: unknown): void {
		if (session !== current) return; // an old or never-connected session: handled where it failed
		current = null;
		session.markGone();
		session.client.end().catch(() => {});
		if (closed) return;
		guard('onLost', () => options.onLost(error));
		scheduleReconnect();
	}

	function guard(what: string, run: () => void): void {
		try {
			run();
		} catch (error) {
			options.log(`${what} threw`, error);
		}
	}

	// A connection can die without a word (a cut network, a frozen server): ask it something now and then.
	let probing: Session | null = null;
	const keepAlive = setInterval(() => {
		const session = current;
		if (!session || probing === session) return;
		probing = session;
		const deadline = setTimeout(() => lost(session, new Error('keep-alive unanswered')), options.keepAliveTimeoutMs);
		// A lost session may never answer: `gone` ends the probe too, so the next session gets probed.
		Promise.race([session.client.query('select 1').catch(() => {}), session.gone]).finally(() => {
			clearTimeout(deadline);
			if (probing === session) probing = null;
		});
	}, options.keepAliveMs);
	keepAlive.unref();

	connect();

	return {
		async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]) {
			if (!current && connecting) await connecting;
			const session = current;
			if (!session) return null;
			const answer = await Promise.race([
				session.client.query<R>(sql, params).catch(() => null), // a dead connection also ends the session
				session.gone.then(() => null)
			]);
			return answer && session === current ? { rows: answer.rows, session: session.number } : null;
		},
		get session() {
			return current?.number ?? null;
		},
		async close() {
			closed = true;
			clearInterval(keepAlive);
			if (reconnectTimer) clearTimeout(reconnectTimer);
			await connecting;
			const session = current;
			current = null;
			if (session) {
				session.markGone();
				// A frozen server would hold up `end` (it waits for the server's goodbye): not for long.
				const ended = session.client.end().catch(() => {});
				await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
			}
		}
	};
}
