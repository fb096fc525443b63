const BASE = 'http://same-site.invalid';

/**
 * A redirect target we are willing to follow: a same-site path ("/meetings?x=1"), never another
 * origin ("//evil.example", "https://…", "/\\evil"): an open redirect would turn our login page
 * into a phishing aid. The result is the URL parser's own serialisation, so characters outside
 * Latin-1 ("/日本", "/€") come back %-encoded: a raw one in a Location header makes Node throw
 * (a 500 instead of a redirect).
 */
export function safeRedirectTarget(value: unknown, fallback: string): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
	// Control characters could smuggle a different URL past a browser's parser.
	if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	const target = url.pathname + url.search + url.hash;
	// Dot segments can collapse into a protocol-relative path: "/.//evil.example" → "//evil.example".
	return target.startsWith('//') ? fallback : target;
}
