import type * as Y from 'yjs';

// Docs as plain JSON, for comparing two replicas of a room (the server's check of its docs against SQL,
// and the tests'): the same maps hold the same entries whatever order their keys arrived in.

/** Every named root map of a doc, as plain JSON. */
export function docMaps(doc: Y.Doc, names: Iterable<string>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of names) out[name] = doc.getMap(name).toJSON();
	return out;
}

/** JSON with object keys sorted: a Y.Map lists its keys in the order this replica received them. */
export function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}
