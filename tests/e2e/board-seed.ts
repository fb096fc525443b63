// A busy board for layout and interaction tests: 40 long Dutch key questions from two people, sorted
// into the three default themes with two clusters, played through the app's own command endpoint.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { unflatten } from 'devalue';
import { createMeeting, demoFacilitator, joinMeeting, logInAs } from './journeys';

const STEMS = [
	'Hoe zorgen we dat de onderwijsregio ',
	'Wie houdt straks de regie op ',
	'Hoe voorkomen we dat het partnerschap ',
	'Welke afspraken maken we met de besturen over ',
	'Wat betekent de nieuwe bekostiging voor '
];
const ENDS = [
	'de begeleiding van zij-instromers in het mbo en het voortgezet onderwijs?',
	'het kwaliteitskader samen opleiden en professionaliseren, ook als de penvoerder wisselt?',
	'een extra bestuurslaag wordt die niemand heeft gevraagd en die geld kost dat naar de klas moet?',
	'de uren van schoolopleiders en werkplekbegeleiders?',
	'de inductie van startende leraren in kleine scholen op het platteland?',
	'wat we in twintig jaar samen opleiden hebben opgebouwd?',
	'de verdeling van middelen als studenten in drie regio’s stagelopen?',
	'de rol van de pabo’s en lerarenopleidingen aan de regiotafel?'
];

/** Forty different questions, long and alike at the start (as real ones are). */
export function busyQuestions(count = 40): string[] {
	const out: string[] = [];
	for (let i = 0; out.length < count; i++) out.push(`${STEMS[i % STEMS.length]}${ENDS[(i * 3 + Math.floor(i / 8)) % ENDS.length]} (${i + 1})`);
	return out;
}

export interface BusyBoard {
	tableUrl: string;
	tableId: string;
	meetingId: string;
	joinUrl: string;
	facilitator: Page;
	people: Page[];
	questions: string[];
	themeIds: Map<string, string>;
	command(page: Page, body: Record<string, unknown>): Promise<unknown>;
	setPhase(phase: 'collect' | 'cluster' | 'vote' | 'discuss' | 'done'): Promise<void>;
	/** A facilitator command for the whole meeting (tables.message, board.settings, …). */
	meetingCommand(body: Record<string, unknown>): Promise<unknown>;
	close(): Promise<void>;
}

let counter = 0;

/** The page's load data, as SvelteKit serves it to the client router. */
async function loadData(page: Page, path: string): Promise<Record<string, unknown>> {
	const response = await page.request.get(`${path}/__data.json`);
	const body = (await response.json()) as { nodes: Array<{ type: string; data?: unknown[] } | null> };
	const last = body.nodes.filter((n) => n?.type === 'data').at(-1);
	return unflatten(last!.data as never) as Record<string, unknown>;
}

export async function seedBusyBoard(browser: Browser, options: { title?: string; cards?: number } = {}): Promise<BusyBoard> {
	const contexts: BrowserContext[] = [];
	const open = async () => {
		const context = await browser.newContext();
		contexts.push(context);
		return context.newPage();
	};
	const facilitator = await open();
	await logInAs(facilitator, demoFacilitator());
	const title = options.title ?? `Druk bord ${++counter} ${Date.now()}`;
	const joinUrl = await createMeeting(facilitator, title, 'Tafel Regio');
	const people: Page[] = [];
	for (const who of [
		{ name: 'Anna de Vries', partnership: 'Partnerschap IJsselkracht', sector: 'po' as const },
		{ name: 'Bram Jansen', partnership: 'Kennisnetwerk Maasterras', sector: 'vo' as const }
	]) {
		const page = await open();
		await joinMeeting(page, joinUrl, who);
		people.push(page);
	}
	const tableUrl = new URL(people[0].url()).pathname;
	const tableId = tableUrl.split('/').at(-1)!;
	const data = await loadData(facilitator, tableUrl);
	const board = data.board as { themes: Array<{ id: string; name: string }> };
	const themeIds = new Map(board.themes.map((t) => [t.name, t.id]));
	const meetingId = (data.meeting as { id: string }).id;

	const command = async (page: Page, body: Record<string, unknown>) => {
		const response = await page.request.post(`/api/tables/${tableId}/commands`, {
			data: { commandId: `seed-${crypto.randomUUID()}`, ...body },
			headers: { origin: new URL(page.url()).origin }
		});
		expect(response.ok(), `${String(body.type)}: ${await response.text()}`).toBe(true);
		return ((await response.json()) as { result?: unknown }).result;
	};
	const meetingCommand = async (body: Record<string, unknown>) => {
		const response = await facilitator.request.post(`/api/meetings/${meetingId}/board`, {
			data: { commandId: `seed-${crypto.randomUUID()}`, ...body },
			headers: { origin: new URL(facilitator.url()).origin }
		});
		expect(response.ok(), `${String(body.type)}: ${await response.text()}`).toBe(true);
		return ((await response.json()) as { result?: unknown }).result;
	};
	const setPhase = async (phase: string) => {
		await command(facilitator, { type: 'phase.set', phase });
	};

	const questions = busyQuestions(options.cards ?? 40);
	const ids: string[] = [];
	for (const [i, text] of questions.entries()) {
		const result = (await command(people[i % 2], { type: 'card.add', text })) as { card: { id: string } };
		ids.push(result.card.id);
	}
	await setPhase('cluster');
	if (questions.length < 12) throw new Error('seedBusyBoard: at least 12 cards');
	const order = ['Governance', 'Financiën', 'Kwaliteit'];
	const clusterIds: string[] = [];
	for (const [n, name] of [
		[0, 'Regie en mandaat'],
		[1, 'Geld volgt de student']
	] as const) {
		const result = (await command(people[0], { type: 'cluster.create', themeId: themeIds.get(order[n]), name, cardIds: [ids[10 + n]] })) as { clusterId: string };
		clusterIds.push(result.clusterId);
	}
	// Ten cards stay unsorted; thirty go to the themes, four of them into each cluster.
	for (let i = 12; i < questions.length; i++) {
		const theme = order[i % 3];
		const clusterIndex = i < 22 && i % 3 < 2 ? i % 3 : -1;
		await command(people[i % 2], {
			type: 'card.move',
			cardId: ids[i],
			themeId: themeIds.get(theme),
			clusterId: clusterIndex >= 0 ? clusterIds[clusterIndex] : null
		});
	}
	return {
		tableUrl,
		tableId,
		meetingId,
		joinUrl,
		facilitator,
		people,
		questions,
		themeIds,
		command,
		setPhase: (phase) => setPhase(phase),
		meetingCommand,
		close: async () => {
			for (const c of contexts) await c.close();
		}
	};
}
