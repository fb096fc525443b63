// PostgreSQL's text cannot hold the NUL character (U+0000): a command with one in a string would fail
// there as a server error, while SQLite stores it. NUL never means anything in what people type (a
// browser does not send it from a text field), so every command's input loses it before it is parsed:
// the same outcome on both databases.

/** `input` with every NUL character taken out of its strings, at any depth (arrays, plain objects). */
export function withoutNul(input: unknown): unknown {
	if (typeof input === 'string') return input.includes('\u0000') ? input.replaceAll('\u0000', '') : input;
	if (Array.isArray(input)) return input.map(withoutNul);
	if (input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
		return Object.fromEntries(Object.entries(input).map(([key, value]) => [withoutNul(key), withoutNul(value)]));
	}
	return input;
}
