import { asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { themes } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { newId } from '../ids.ts';
import {
	fieldErrors,
	loadManageableMeeting,
	logManagement,
	type ManageDenial
} from './manage-access.ts';
import { moveStep } from './reorder.ts';

export const THEME_NAME_MAX = 60;

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
	)
});

export function listMeetingThemes(db: Db, meetingId: string) {
	return db
		.select()
		.from(themes)
		.where(eq(themes.meetingId, meetingId))
		.orderBy(asc(themes.position), asc(themes.name))
		.all();
}

export type ThemeResult =
	| { ok: true; themeId: string }
	| { ok: false; reason: ManageDenial | 'theme-not-found' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

/** Adds a theme at the end, or (with `themeId`) renames or recolours one. */
export function saveTheme(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	themeId: string | null,
	input: unknown,
	now: number
): ThemeResult {
	const access = loadManageableMeeting(db, actor, meetingId, { editing: true });
	if (!access.ok) return access;
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const parsed = v.safeParse(ThemeSchema, input);
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: fieldErrors(parsed.issues) };
	const list = listMeetingThemes(db, meetingId);
	if (themeId && !list.some((t) => t.id === themeId))
		return { ok: false, reason: 'theme-not-found' };
	const id = themeId ?? newId();
	db.transaction((tx) => {
		if (themeId) tx.update(themes).set(parsed.output).where(eq(themes.id, themeId)).run();
		else
			tx.insert(themes)
				.values({
					...parsed.output,
					id,
					meetingId,
					position: list.length ? Math.max(...list.map((t) => t.position)) + 1 : 0
				})
				.run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: themeId ? 'theme.update' : 'theme.add',
			payload: { themeId: id, ...parsed.output },
			at: now
		});
	});
	return { ok: true, themeId: id };
}

export function moveTheme(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	themeId: string,
	direction: 'up' | 'down',
	now: number
): ThemeResult {
	const access = loadManageableMeeting(db, actor, meetingId, { editing: true });
	if (!access.ok) return access;
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const order = moveStep(listMeetingThemes(db, meetingId), themeId, direction);
	if (!order) return { ok: false, reason: 'theme-not-found' };
	db.transaction((tx) => {
		for (const { id, position } of order)
			tx.update(themes).set({ position }).where(eq(themes.id, id)).run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'theme.move',
			payload: { themeId, direction },
			at: now
		});
	});
	return { ok: true, themeId };
}
