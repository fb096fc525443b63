import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyValue, sameValue, setIfChanged } from '../../src/lib/realtime/board-doc.ts';

const card = {
	id: 'c1',
	text: 'Wie houdt de regie?',
	authorName: null,
	votes: 2,
	merged: [{ text: 'Wie stuurt?', authorName: 'Anna' }]
};

describe('comparing doc values', () => {
	it('finds equal JSON equal, whatever the key order, and any difference different', () => {
		expect(sameValue(card, structuredClone(card))).toBe(true);
		expect(sameValue({ b: 1, a: [1, { c: null }] }, { a: [1, { c: null }], b: 1 })).toBe(true);
		expect(sameValue(card, { ...card, votes: 3 })).toBe(false);
		expect(sameValue(card, { ...card, authorName: 'Bram' })).toBe(false);
		expect(sameValue(card, { ...card, merged: [] })).toBe(false);
		expect(sameValue(card, { ...card, merged: [{ text: 'Wie stuurt?', authorName: null }] })).toBe(false);
		expect(sameValue(card, { ...card, extra: 1 })).toBe(false);
		expect(sameValue({ a: [1, 2] }, { a: { 0: 1, 1: 2 } })).toBe(false);
		expect(sameValue({ a: null }, { a: 0 })).toBe(false);
		expect(sameValue(undefined, undefined)).toBe(false);
		// As in JSON, an undefined member is an absent one.
		expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
	});

	it('leaves a map untouched when the value is the same, and writes it when it is not', () => {
		const doc = new Y.Doc();
		const map = doc.getMap<typeof card>('cards');
		let updates = 0;
		doc.on('update', () => updates++);
		setIfChanged(map, card.id, card);
		setIfChanged(map, card.id, structuredClone(card));
		expect(updates).toBe(1);
		setIfChanged(map, card.id, { ...card, votes: 3 });
		expect(updates).toBe(2);
		expect(map.get(card.id)?.votes).toBe(3);
	});

	it('copies a value deeply, sharing no object with the original, as structuredClone did', () => {
		const value = { ...card, extra: undefined, bytes: new Uint8Array([1, 2]), nested: [[{ a: 1 }]] };
		const copy = copyValue(value);
		expect(copy).toEqual(value);
		expect(copy).not.toBe(value);
		expect(copy.merged[0]).not.toBe(value.merged[0]);
		expect(copy.nested[0][0]).not.toBe(value.nested[0][0]);
		expect(copy.bytes).not.toBe(value.bytes);
		expect(Object.hasOwn(copy, 'extra')).toBe(true);
		expect(copyValue('tekst')).toBe('tekst');
		expect(copyValue(null)).toBe(null);
	});

	it('keeps the doc apart from the value it was given: changing that value later changes nothing', () => {
		const doc = new Y.Doc();
		const map = doc.getMap<typeof card>('cards');
		const mine = structuredClone(card);
		setIfChanged(map, mine.id, mine);
		mine.merged[0].text = 'Later veranderd';
		mine.votes = 9;
		expect(map.get(card.id)).toEqual(card);
	});
});
