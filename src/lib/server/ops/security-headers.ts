// The security headers besides the CSP (SvelteKit writes that one per page, with its nonce; see
// svelte.config.js). One list for two places: the hooks (pages and endpoints, also in `vite dev`) and
// the production entry (every response, also redirects and errors thrown in hooks, and static files).

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(https: boolean): Record<string, string> {
	return {
		'X-Content-Type-Options': 'nosniff',
		// Join codes travel in URLs: never leak them to another origin through Referer.
		'Referrer-Policy': 'same-origin',
		// Old browsers' version of the CSP's frame-ancestors 'none': no clickjacking by framing.
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
		// Only over https (ORIGIN https, or TLS here): over plain http on a venue network it would be ignored
		// at best, and must never pin a LAN address to https.
		...(https ? { 'Strict-Transport-Security': HSTS } : {})
	};
}
