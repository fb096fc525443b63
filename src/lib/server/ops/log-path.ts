// Path segments that are secrets themselves: a personal invitation's token, a join code.
const SECRET_SEGMENT = /^\/(i|join)\/[^/]+/;

/** The path as logged: no query string (projector tokens, redirect targets), secret segments masked. */
export function loggedPath(url: string | undefined): string {
	const path = (url ?? '/').split('?')[0];
	return path.replace(SECRET_SEGMENT, '/$1/…');
}
