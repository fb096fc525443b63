// Meeting times are entered and shown in Europe/Amsterdam and stored as UTC milliseconds. Intl knows
// the zone's rules (CET/CEST and when they switch), so no offset is hard-coded here.
export const MEETING_TIME_ZONE = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: MEETING_TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

function wallClockAt(ms: number): WallClock & { second: number } {
	const p: Record<string, string> = {};
	for (const part of partsFormat.formatToParts(ms)) p[part.type] = part.value;
	return {
		year: +p.year,
		month: +p.month,
		day: +p.day,
		hour: +p.hour,
		minute: +p.minute,
		second: +p.second
	};
}

/** Amsterdam's offset from UTC at this instant, in ms (+1 h in winter, +2 h in summer). */
function offsetAt(ms: number): number {
	const w = wallClockAt(ms);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The UTC instant of a date ('2026-03-29') and time ('14:30') on an Amsterdam clock; null when the
 * input is malformed or the time does not exist (the hour skipped when clocks go forward). In the
 * hour that occurs twice in autumn, the second occurrence (winter time) is chosen.
 */
export function amsterdamToUtc(date: string, time: string): number | null {
	const d = DATE.exec(date);
	const t = TIME.exec(time);
	if (!d || !t) return null;
	const wall: WallClock = { year: +d[1], month: +d[2], day: +d[3], hour: +t[1], minute: +t[2] };
	const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
	const check = new Date(naive);
	if (
		check.getUTCDate() !== wall.day ||
		check.getUTCMonth() !== wall.month - 1 ||
		wall.hour > 23 ||
		wall.minute > 59
	) {
		return null;
	}
	// Two candidates, from the offsets just before and after the naive instant; keep one whose
	// Amsterdam wall clock reads back exactly what was entered.
	const candidates = [naive - offsetAt(naive), naive - offsetAt(naive - offsetAt(naive))];
	const matches = candidates.filter((ms) => {
		const w = wallClockAt(ms);
		return (
			w.year === wall.year &&
			w.month === wall.month &&
			w.day === wall.day &&
			w.hour === wall.hour &&
			w.minute === wall.minute
		);
	});
	return matches.length ? Math.max(...matches) : null;
}

/** The Amsterdam date and time of an instant, as the form fields want them. */
export function utcToAmsterdam(ms: number): { date: string; time: string } {
	const w = wallClockAt(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return {
		date: `${w.year}-${two(w.month)}-${two(w.day)}`,
		time: `${two(w.hour)}:${two(w.minute)}`
	};
}

/** A readable date and time in Amsterdam, in the reader's language. */
export function formatAmsterdam(ms: number, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: MEETING_TIME_ZONE,
		dateStyle: 'full',
		timeStyle: 'short'
	}).format(ms);
}
