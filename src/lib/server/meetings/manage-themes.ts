import { asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { themes } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { newId } from '../ids.ts';
import { fieldErrors } from './manage-access.ts';
import { runManagement } from './management-scope.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
import { moveStep } from './reorder.ts';
import { parseThemeWords } from '../themes/theme-rows.ts';

export const THEME_NAME_MAX = 60;
/** A theme's description and its typed word list: short, they guide suggestions (themes/). */
export const THEME_DESCRIPTION_MAX = 300;
export const THEME_WORDS_TEXT_MAX = 2000;

export const ThemeSchema = v.object({
	name: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty('theme-required'),
		v.maxLength(THEME_NAME_MAX, 'theme-too-long')
	),
	// <input type="color"> sends #rrggbb; anything else is refused rather than stored into CSS.
	color: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.toLowerCase(),
		v.regex(/^#[0-9a-f]{6}$/, 'color-invalid')
	),
	// Absent: left as stored (a form without these fields keeps the theme's words).
	description: v.optional(
		v.pipe(v.string(), v.trim(), v.maxLength(THEME_DESCRIPTION_MAX, 'theme-description-too-long'))
	),
	// Typed as "diversiteit, kansengelijkheid, toegankelijk"; stored as the engine's word list.
	words: v.optional(
		v.pipe(v.string(), v.maxLength(THEME_WORDS_TEXT_MAX, 'theme-words-too-long'), v.transform(parseThemeWords))
	)
});

/** A theme's words as a facilitator types them back: comma separated, a weak word marked with ~. */
export function themeWordsText(words: ReadonlyArray<{ term: string; weak?: boolean }>): string {
	return words.map((w) => (w.weak ? `${w.term}~` : w.term)).join(', ');
}

export async function listMeetingThemes(db: Db, meetingId: string) {
	return await db
		.select()
		.from(themes)
		.where(eq(themes.meetingId, meetingId))
		.orderBy(asc(themes.position), asc(themes.name));
}

export type ThemeResult = { ok: true; themeId: string } | Refusal;

/** Adds a theme at the end, or (with `themeId`) renames or recolours one. */
export async function saveTheme(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	themeId: string | null,
	input: unknown,
	now: number
): Promise<ThemeResult> {
	const parsed = v.safeParse(ThemeSchema, input);
	const id = themeId ?? newId();
	return themeOutcome(
		await runManagement(db, actor, meetingId, now, {
			type: themeId ? 'theme.update' : 'theme.add',
			editing: true,
			boards: true,
			payload: { themeId: id, ...(parsed.success ? parsed.output : {}) },
			async run(tx) {
				if (!parsed.success) return refuse('invalid', fieldErrors(parsed.issues));
				const list = await listMeetingThemes(tx, meetingId);
				if (themeId && !list.some((t) => t.id === themeId)) return refuse('theme-not-found');
				if (themeId) await tx.update(themes).set(parsed.output).where(eq(themes.id, themeId));
				else
					await tx.insert(themes)
						.values({
							...parsed.output,
							id,
							meetingId,
							position: list.length ? Math.max(...list.map((t) => t.position)) + 1 : 0
						});
				return { ok: true, result: { themeId: id } };
			}
		})
	);
}

export async function moveTheme(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	themeId: string,
	direction: 'up' | 'down',
	now: number
): Promise<ThemeResult> {
	return themeOutcome(
		await runManagement(db, actor, meetingId, now, {
			type: 'theme.move',
			editing: true,
			boards: true,
			payload: { themeId, direction },
			async run(tx) {
				const order = moveStep(await listMeetingThemes(tx, meetingId), themeId, direction);
				if (!order) return refuse('theme-not-found');
				for (const { id, position } of order)
					await tx.update(themes).set({ position }).where(eq(themes.id, id));
				return { ok: true, result: { themeId } };
			}
		})
	);
}

function themeOutcome(outcome: CommandOutcome<{ themeId: string }>): ThemeResult {
	return outcome.ok ? { ok: true, themeId: outcome.result.themeId } : outcome;
}
