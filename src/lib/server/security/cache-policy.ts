// Venue laptops are shared: whatever a signed-in person saw (a facilitator's results, unrevealed
// answers, a participant's board) must not stay in the browser's cache or history for the next
// person, nor in a proxy. So those responses, every /api/ response (results, reports, exports) and
// the projector's views say `no-store`. Public pages without a session may be cached.

export function mustNotBeStored(pathname: string, signedIn: boolean): boolean {
	return signedIn || pathname.startsWith('/api/') || pathname.startsWith('/present/');
}

export const NO_STORE = 'no-store';
