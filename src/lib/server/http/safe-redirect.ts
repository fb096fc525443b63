/**
 * A redirect target we are willing to follow: a same-site path ("/meetings?x=1"), never another
 * origin ("//evil.example", "https://…", "/\\evil"): an open redirect would turn our login page
 * into a phishing aid.
 */
export function safeRedirectTarget(value: unknown, fallback: string): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
	// Control characters could smuggle a different URL past a browser's parser.
	if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
	return value;
}
