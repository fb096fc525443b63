import { execFileSync } from 'node:child_process';
import { commandId } from './it-fixture.ts';

// Shared by the cluster tests (cluster-*.test.ts): meetings seeded into a PostgreSQL database from a
// process of its own, and commands posted to one app process as a browser would.

export interface ClusterMeeting {
	id: string;
	tableId: string;
	facilitator: string;
	people: Array<{ id: string; token: string }>;
}

/**
 * Seeds one meeting per title, each with `people` participants at its table (3 unless asked), in a
 * process of its own: the test process loaded SQLite's tables (see seed-meetings-cli.ts).
 */
export function seedMeetings(url: string, titles: string[], opts: { people?: number } = {}): ClusterMeeting[] {
	const args = ['tests/helpers/seed-meetings-cli.ts', ...(opts.people ? [`--people=${opts.people}`] : []), ...titles];
	const out = execFileSync(process.execPath, args, {
		env: { ...process.env, DATABASE_URL: url },
		encoding: 'utf8'
	});
	return JSON.parse(out) as ClusterMeeting[];
}

export interface Answer {
	status: number;
	body: Record<string, unknown> | null;
}

/** An app process, or a proxy in front of some: whatever answers HTTP at `url`. */
export type Door = { url: string };

/** POSTs a JSON command as the owner of `token`, with a fresh command id unless the body names one. */
export async function post(
	app: Door,
	path: string,
	token: string,
	body: Record<string, unknown>,
	headers: Record<string, string> = {}
): Promise<Answer> {
	const res = await fetch(`${app.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${token}`, ...headers },
		body: JSON.stringify({ commandId: commandId(), ...body })
	});
	return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** A command on the meeting's table board (card.add, vote.cast, phase.set, …). */
export const atTable = (
	app: Door,
	m: ClusterMeeting,
	token: string,
	body: Record<string, unknown>,
	headers?: Record<string, string>
): Promise<Answer> => post(app, `/api/tables/${m.tableId}/commands`, token, body, headers);
