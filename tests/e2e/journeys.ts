import AxeBuilder from '@axe-core/playwright';
// Intent-named steps shared by the specs. Role and label locators only: if a test cannot find a
// control by its accessible name, neither can a screen-reader user.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export interface Login {
	email: string;
	password: string;
}

export const ADMIN: Login = { email: 'admin@e2e.test', password: 'e2e-admin-wachtwoord-42' };

/** The demo facilitator, whose password the server generated at its first start. */
export function demoFacilitator(): Login {
	const dir = process.env.E2E_DATA_DIR;
	if (!dir) throw new Error('E2E_DATA_DIR is not set: run through playwright.config.ts');
	const logins = JSON.parse(readFileSync(join(dir, 'demo-logins.json'), 'utf8')) as Array<
		Login & { role: string }
	>;
	const facilitator = logins.find((l) => l.role === 'facilitator');
	if (!facilitator) throw new Error('no demo facilitator in demo-logins.json');
	return facilitator;
}

export async function logInAs(page: Page, login: Login): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(login.email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(login.password);
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** Creates a meeting with one table and opens it; returns the join link shown to the facilitator. */
export async function createMeeting(page: Page, title: string, tableName: string): Promise<string> {
	await page.goto('/meetings');
	const form = page.getByRole('region', { name: 'Nieuwe opdenksessie', exact: true });
	await form.getByLabel('Titel', { exact: true }).fill(title);
	await form.getByLabel('Naam van de eerste tafel').fill(tableName);
	await form.getByRole('button', { name: 'Opdenksessie aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await openMeeting(page);
	return page.getByLabel('Link om mee te doen').inputValue();
}

/** New meetings are drafts: on the meeting page, opens the meeting to participants. */
export async function openMeeting(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Openen voor deelnemers' }).click();
	await expect(page.getByText('Status: open')).toBeVisible();
}

/** A facilitator in a context of its own prepares a meeting; returns its join link. */
export async function prepareMeeting(
	browser: Browser,
	title: string,
	tableName: string
): Promise<string> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await logInAs(page, demoFacilitator());
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn opdenksessies' })).toBeVisible();
	const joinUrl = await createMeeting(page, title, tableName);
	await context.close();
	return joinUrl;
}

export interface Newcomer {
	name: string;
	partnership: string;
	sector: 'po' | 'vo' | 'mbo';
}

export async function fillJoinForm(page: Page, who: Partial<Newcomer>): Promise<void> {
	if (who.name !== undefined) await page.getByLabel('Je naam').fill(who.name);
	if (who.partnership !== undefined) await page.getByLabel('Partnerschap').fill(who.partnership);
	if (who.sector) {
		await page
			.getByRole('group', { name: 'Sector' })
			.getByRole('radio', { name: new RegExp(`^${who.sector} `) })
			.check();
	}
	await page.getByRole('button', { name: 'Naar mijn tafel' }).click();
}

/**
 * Opens a join link and joins; lands on the table board. An open poll the newcomer has not answered
 * comes first (the step after joining): then this goes on to the table from the poll page.
 */
export async function joinMeeting(page: Page, joinUrl: string, who: Newcomer): Promise<void> {
	await page.goto(joinUrl);
	await fillJoinForm(page, who);
	await expect(page).toHaveURL(/\/tables\/|\/poll$/);
	if (page.url().endsWith('/poll')) {
		await page.getByRole('region', { name: 'Volgende stap' }).getByRole('link', { name: /^Naar je tafel: / }).click();
		await expect(page).toHaveURL(/\/tables\//);
	}
}

export async function addCard(page: Page, text: string): Promise<void> {
	await page.getByLabel('Jouw vraag').fill(text);
	await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
}

export function card(page: Page, text: string) {
	return page.getByRole('article', { name: text });
}

/** Opens a card's one menu (a dialog; a bottom sheet on a phone) and returns it. */
export async function cardMenu(page: Page, text: string) {
	await page.getByRole('button', { name: `Acties voor kaart: ${text}` }).click();
	const dialog = page.getByRole('dialog', { name: 'Wat wil je met deze kaart?' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** Drags with the mouse in small steps, as a hand does (the drag library waits for a few pixels). */
export async function dragCard(page: Page, source: Locator, target: Locator): Promise<void> {
	await source.scrollIntoViewIfNeeded();
	const from = (await source.boundingBox())!;
	await page.mouse.move(from.x + 20, from.y + 12);
	await page.mouse.down();
	await page.mouse.move(from.x + 30, from.y + 20, { steps: 4 });
	const to = (await target.boundingBox())!;
	await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 40), { steps: 12 });
	await page.mouse.up();
}

export async function expectLive(page: Page): Promise<void> {
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
}

/** WCAG 2.2 AA by axe: no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×)`)).toEqual([]);
}
