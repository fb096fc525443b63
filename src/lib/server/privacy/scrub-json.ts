// Replaces personal strings inside a command-log JSON value. Any string equal (trimmed, any case) to
// a known name or email becomes its replacement, wherever it sits; `authorName` is always nulled, as
// in the cards table. Free text that merely mentions a name is left as written.

const ALWAYS_NULL = new Set(['authorName']);

export function scrubJson(
	value: unknown,
	replacements: ReadonlyMap<string, string>
): { value: unknown; changed: boolean } {
	let changed = false;
	const walk = (v: unknown, key?: string): unknown => {
		if (key && ALWAYS_NULL.has(key) && v !== null) {
			changed = true;
			return null;
		}
		if (typeof v === 'string') {
			const alias = replacements.get(v.trim().toLowerCase());
			if (alias !== undefined && alias !== v) {
				changed = true;
				return alias;
			}
			return v;
		}
		if (Array.isArray(v)) return v.map((item) => walk(item));
		if (v && typeof v === 'object') {
			return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
		}
		return v;
	};
	const result = walk(value);
	return { value: result, changed };
}
