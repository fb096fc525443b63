import { beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import { themes } from '../../src/lib/server/db/schema.ts';
import { createMeetingFromTemplate } from '../../src/lib/server/templates/create-from-template.ts';
import { buildThemeModel } from '../../src/lib/server/themes/model.ts';
import { suggestTheme } from '../../src/lib/server/themes/suggest.ts';
import { themeInputs } from '../../src/lib/server/themes/theme-rows.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('a meeting made from the template', () => {
	it('stores its themes with description and words, and suggestions come from those rows', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId });
		const result = await createMeetingFromTemplate(db, actor, { title: 'Opdenksessie' }, 1234);
		if (!result.ok) throw new Error(result.reason);
		const rows = await db
			.select()
			.from(themes)
			.where(eq(themes.meetingId, result.meetingId))
			.orderBy(asc(themes.position));
		for (const row of rows) {
			expect(row.description.length).toBeGreaterThan(20);
			expect(row.words.length).toBeGreaterThanOrEqual(40);
		}
		const model = buildThemeModel(themeInputs(rows));
		const finance = rows.find((r) => r.name === 'Financiën')!;
		expect(suggestTheme(model, 'Wie betaalt de uren van de werkplekbegeleiders?')).toMatchObject({
			kind: 'theme',
			themeId: finance.id
		});
	});
});
