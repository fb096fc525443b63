import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { escapeMarkdown, renderReportMarkdown, safeMarkdown } from '../../src/lib/server/reports/render-markdown.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('the Markdown report', () => {
	it('of the fixture meeting matches the reviewed snapshot', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const made = await createRealisticMeeting(db, userId, { now: 1 });
		await db.update(meetings)
			.set({
				startsAt: Date.UTC(2023, 4, 11, 13, 0),
				place: 'Utrecht',
				introduction: 'We verkennen **samen** de plek van het partnerschap.',
				conclusions: '- Houd de regie dicht bij de partnerschappen.',
				nextSteps: 'Een tweede sessie in het najaar.'
			})
			.where(eq(meetings.id, made.meetingId));
		const markdown = renderReportMarkdown((await buildMeetingReport(db, made.meetingId))!, reportLabels(), 'nl-NL');
		for (const heading of ['## 1. Inleiding', '## 2. Deelname', '## 3. Resultaten van de poll', '## 4. Per gesprekstafel', '## 5. Belangrijkste kernvragen van alle tafels', '## 6. Conclusies', '## 7. Bijlage: cijfers']) {
			expect(markdown).toContain(heading);
		}
		for (const theme of ['#### Governance', '#### Financiën', '#### Kwaliteit']) expect(markdown).toContain(theme);
		// The fixture's identities come from a seeded random generator; the snapshot holds the rest.
		await expect(markdown).toMatchFileSnapshot('__snapshots__/meeting-report.md');
	});

	it('escapes what people typed so it never renders as markup or HTML', () => {
		expect(escapeMarkdown('**vet** _schuin_ [link](http://x) <script>alert(1)</script> `code` # kop | pijp')).toBe(
			'\\*\\*vet\\*\\* \\_schuin\\_ \\[link\\]\\(http://x\\) &lt;script\\>alert\\(1\\)&lt;/script\\> \\`code\\` \\# kop \\| pijp'
		);
		expect(escapeMarkdown('- geen lijst')).toBe('\\- geen lijst');
		expect(escapeMarkdown('1. geen lijst')).toBe('1\\. geen lijst');
		expect(escapeMarkdown('twee\nregels')).toBe('twee regels');
	});

	it("keeps the facilitator's Markdown but no raw HTML", () => {
		expect(safeMarkdown('**Belangrijk**: <img src=x onerror=alert(1)>')).toBe('**Belangrijk**: &lt;img src=x onerror=alert(1)>');
		expect(safeMarkdown('A & B')).toBe('A &amp; B');
	});
});
