// Figures in the reader's notation, the same on screen and in the report: "2,7" in Dutch, "2.7" in
// English. One decimal is what a mean or an average rank of a small group can honestly claim.

const formats = new Map<string, Intl.NumberFormat>();

/** The Intl locale for an app locale ("nl", "en", or an already full tag such as "en-GB"). */
export function numberLocale(locale: string): string {
	return locale.startsWith('en') ? 'en-GB' : 'nl-NL';
}

/** At most one decimal; "—" when there is nothing to show. */
export function formatDecimal(n: number | null, locale: string): string {
	if (n === null || !Number.isFinite(n)) return '—';
	const tag = numberLocale(locale);
	let format = formats.get(tag);
	if (!format) {
		format = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
		formats.set(tag, format);
	}
	return format.format(n);
}
