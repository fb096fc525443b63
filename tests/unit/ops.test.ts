import { closeDatabase } from '../../src/lib/server/db/client.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../src/lib/server/ops/health.ts';
import { countCommand, countFrame, metricsState, observeHttp } from '../../src/lib/server/ops/metrics.ts';
import { renderPrometheus } from '../../src/lib/server/ops/prometheus.ts';
import { loggedPath } from '../../src/lib/server/ops/log-path.ts';
import { createTestDb } from '../helpers/test-db.ts';

describe('the database check of /healthz', () => {
	it('is ok on an open database and gives the reason when the database is gone', async () => {
		const t = createTestDb();
		const db = t.db;
		expect(await checkDatabase(() => db)).toEqual({ ok: true });
		closeDatabase(db);
		const broken = await checkDatabase(() => db);
		expect(broken.ok).toBe(false);
		expect(!broken.ok && broken.reason).toMatch(/not open/i);
		t.dispose();
		expect(await checkDatabase(() => {
			throw new Error('SQLITE_CANTOPEN: unable to open database file');
		})).toEqual({ ok: false, reason: 'SQLITE_CANTOPEN: unable to open database file' });
	});
});

describe('metrics', () => {
	afterEach(() => {
		metricsState().counters.clear();
	});

	it('lives on globalThis, so a second copy of the module adds to the same counters', async () => {
		countCommand('vote.cast');
		// A query string makes the loader evaluate the module again: the bundle's copy, as it were.
		const copy = new URL('../../src/lib/server/ops/metrics.ts?copy', import.meta.url).href;
		const other = (await import(/* @vite-ignore */ copy)) as typeof import('../../src/lib/server/ops/metrics.ts');
		expect(other.countCommand).not.toBe(countCommand); // really a second copy
		other.countCommand('card.add');
		const text = renderPrometheus({});
		expect(text).toMatch(/^denktafel_commands_total\{type="vote.cast"\} 1$/m);
		expect(text).toMatch(/^denktafel_commands_total\{type="card.add"\} 1$/m);
		expect(text).toMatch(/^denktafel_votes_total 1$/m);
	});

	it('renders Prometheus text: HELP and TYPE per family, a cumulative latency histogram', () => {
		countFrame('in', 10);
		countFrame('in', 5);
		const before = metricsState().http.count;
		observeHttp(200, 0.003);
		observeHttp(503, 0.2);
		const text = renderPrometheus({ denktafel_hub_rooms: { help: 'Loaded rooms.', value: 3 } });
		expect(text).toContain('# TYPE denktafel_hub_rooms gauge\ndenktafel_hub_rooms 3\n');
		expect(text).toMatch(/^denktafel_hub_frames_total\{direction="in"\} 2$/m);
		expect(text).toMatch(/^denktafel_hub_frame_bytes_total\{direction="in"\} 15$/m);
		expect(text).toMatch(/^denktafel_http_requests_total\{status="5xx"\} 1$/m);
		expect(text).toMatch(/^# TYPE denktafel_http_request_duration_seconds histogram$/m);
		const bucket = (le: string) => Number(text.split('\n').find((l) => l.includes(`_bucket{le="${le}"}`))?.split(' ')[1]);
		expect(bucket('0.005')).toBeGreaterThanOrEqual(1);
		expect(bucket('0.25') - bucket('0.005')).toBeGreaterThanOrEqual(1); // cumulative: 0.2 s adds here
		expect(bucket('+Inf')).toBe(before + 2);
		for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [\d.e+-]+)$/);
	});
});

describe('request log paths', () => {
	it('drops the query string and masks invitation tokens and join codes', () => {
		expect(loggedPath('/present/abc?token=geheim')).toBe('/present/abc');
		expect(loggedPath('/i/0123456789abcdef/extra?x=1')).toBe('/i/…/extra');
		expect(loggedPath('/join/ABC123')).toBe('/join/…');
		expect(loggedPath('/meetings/m1/poll')).toBe('/meetings/m1/poll');
	});
});
