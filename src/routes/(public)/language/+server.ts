import type { RequestHandler } from './$types';
import { redirect } from '@sveltejs/kit';
import { cookieName, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/server/http/safe-redirect';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The language switch: a plain form POST, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		// Not HttpOnly: Paraglide's browser runtime reads this cookie to render in the same language.
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: YEAR_SECONDS,
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	}
	redirect(303, safeRedirectTarget(form.get('redirectTo'), '/'));
};
