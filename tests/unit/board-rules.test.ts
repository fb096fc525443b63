import { describe, expect, it } from 'vitest';
import { nextPhase, phaseAllows, talliesVisible } from '../../src/lib/realtime/phase-rules.ts';
import { checkCast, clusterTotal, mergeDots } from '../../src/lib/server/boards/vote-rules.ts';
import { planSeating, type Seat } from '../../src/lib/server/boards/seating-plan.ts';

describe('phase rules', () => {
	const plain = { lateCards: false };
	it('adds and changes own cards in collect only, unless late cards are allowed', () => {
		expect(phaseAllows('add', 'collect', plain)).toBe(true);
		expect(phaseAllows('add', 'cluster', plain)).toBe(false);
		expect(phaseAllows('change-own', 'vote', plain)).toBe(false);
		expect(phaseAllows('add', 'cluster', { lateCards: true })).toBe(true);
		expect(phaseAllows('add', 'discuss', { lateCards: true })).toBe(true);
	});

	it('sorts in cluster and votes in vote only', () => {
		expect(phaseAllows('sort', 'cluster', plain)).toBe(true);
		expect(['collect', 'vote', 'discuss'].some((p) => phaseAllows('sort', p as never, plain))).toBe(false);
		expect(phaseAllows('vote', 'vote', plain)).toBe(true);
		expect(phaseAllows('vote', 'cluster', plain)).toBe(false);
	});

	it('lets a facilitator moderate in every phase but done, where nothing changes', () => {
		for (const phase of ['collect', 'cluster', 'vote', 'discuss'] as const) {
			expect(phaseAllows('moderate', phase, plain)).toBe(true);
		}
		for (const action of ['add', 'change-own', 'sort', 'vote', 'moderate'] as const) {
			expect(phaseAllows(action, 'done', { lateCards: true })).toBe(false);
		}
	});

	it('shows tallies live only when chosen, and always once the vote is over', () => {
		expect(talliesVisible('vote', false)).toBe(false);
		expect(talliesVisible('vote', true)).toBe(true);
		expect(talliesVisible('cluster', true)).toBe(false);
		expect(talliesVisible('discuss', false)).toBe(true);
		expect(talliesVisible('done', false)).toBe(true);
	});

	it('steps forward and stays at done', () => {
		expect(nextPhase('collect')).toBe('cluster');
		expect(nextPhase('discuss')).toBe('done');
		expect(nextPhase('done')).toBe('done');
	});
});

describe('vote budget rules', () => {
	it('refuses a dot past the budget and past the per-card cap', () => {
		expect(checkCast({ budget: 3, used: 2, perCardMax: null, onCard: 2 })).toBeNull();
		expect(checkCast({ budget: 3, used: 3, perCardMax: null, onCard: 0 })).toBe('budget-spent');
		expect(checkCast({ budget: 3, used: 1, perCardMax: 1, onCard: 1 })).toBe('card-cap');
		expect(checkCast({ budget: 3, used: 1, perCardMax: 1, onCard: 0 })).toBeNull();
	});

	it('moves dots to the surviving card and gives back what passes the cap', () => {
		const survivor = new Map([
			['anna', 1],
			['bram', 2]
		]);
		const merged = new Map([
			['anna', 1],
			['cas', 1]
		]);
		const capped = mergeDots(survivor, merged, 1);
		expect(Object.fromEntries(capped.kept)).toEqual({ anna: 1, bram: 2, cas: 1 });
		expect(Object.fromEntries(capped.returned)).toEqual({ anna: 1 });
		const free = mergeDots(survivor, merged, null);
		expect(Object.fromEntries(free.kept)).toEqual({ anna: 2, bram: 2, cas: 1 });
		expect(free.returned.size).toBe(0);
	});

	it("sums a cluster's cards", () => {
		expect(clusterTotal([3, 0, 2])).toBe(5);
		expect(clusterTotal([])).toBe(0);
	});
});

describe('seating plan', () => {
	const tables = [
		{ id: 't1', maxSize: null },
		{ id: 't2', maxSize: null },
		{ id: 't3', maxSize: null }
	];
	const people = (n: number, at: string | null = 't1'): Seat[] =>
		Array.from({ length: n }, (_, i) => ({
			participantId: `p${String(i).padStart(2, '0')}`,
			tableId: at,
			sector: ['po', 'vo', 'mbo'][i % 3]
		}));
	const counts = (plan: Map<string, string>) => {
		const c: Record<string, number> = {};
		for (const t of plan.values()) c[t] = (c[t] ?? 0) + 1;
		return c;
	};

	it('spreads evenly and keeps people who already sit at a table within its fair share', () => {
		const plan = planSeating(people(10), tables, 'even');
		expect(counts(plan)).toEqual({ t1: 4, t2: 3, t3: 3 });
		expect(plan.get('p00')).toBe('t1');
		expect(plan.size).toBe(10);
	});

	it('mixes sectors so each table gets people of every sector', () => {
		const plan = planSeating(people(9), tables, 'mix-sectors');
		const seats = people(9);
		for (const t of ['t1', 't2', 't3']) {
			const sectors = new Set(seats.filter((s) => plan.get(s.participantId) === t).map((s) => s.sector));
			expect(sectors).toEqual(new Set(['po', 'vo', 'mbo']));
		}
	});

	it('respects maximum sizes while there is room, and still seats everyone when there is not', () => {
		const small = [
			{ id: 't1', maxSize: 2 },
			{ id: 't2', maxSize: null }
		];
		expect(counts(planSeating(people(6, null), small, 'even'))).toEqual({ t1: 2, t2: 4 });
		const full = [
			{ id: 't1', maxSize: 1 },
			{ id: 't2', maxSize: 1 }
		];
		expect(planSeating(people(3, null), full, 'even').size).toBe(3);
	});
});
