import { createRequire } from 'node:module';

// pdfmake 0.3.11 spends most of a large report's time (about 17,000 words on 28 pages for the
// benchmark meeting) not in layout itself but in two places that repeat the same work per word:
//  1. style look-ups: every word asks for ~20 style properties, and each ask pushes the word on the
//     style stack, walks it and pops it again (with a closure and a fresh Set per named style), although
//     all words of one text share that stack;
//  2. drawing: every word is drawn with its own pdfkit text() call (colour, opacity, font, a text
//     object, a save/restore), although a whole line usually has one style (pdfmake's own source says
//     "TODO: line.optimizeInlines()").
// The replacements below do the same work with less overhead: the style look-up gives exactly the
// answer of pdfmake's own and asks the stack once per property while one text is measured, and a run
// of words in one line with the same look and nothing attached (no link, page reference, decoration,
// background, justification) is drawn as one piece of text at the same place. They are tied to the
// pinned pdfmake version (package.json pins it exactly): with any other version they stay off and
// pdfmake runs unchanged (and tests/unit/report-pdf-tuning.test.ts fails, so the new version gets
// checked). `pdfmakeTuning.enabled` lets the tests compare the tuned output with pdfmake's own.

const require = createRequire(import.meta.url);
const TUNED_VERSION = '0.3.11';

export const pdfmakeTuning = { enabled: true, applied: false };
/** Whether the installed pdfmake is the one these replacements (and the shared word cache) were made for. */
export const pdfmakeTunable = (require('pdfmake/package.json') as { version: string }).version === TUNED_VERSION;

type Style = Record<string, unknown> & { extends?: string | string[] };
interface Stack {
	styleDictionary: Record<string, Style | undefined>;
	defaultStyle: Record<string, unknown> | null | undefined;
	styleOverrides: unknown[] | undefined;
}
type Item = Record<string, unknown>;

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

/** A property of a named style, following `extends` like pdfmake (a Set guards against cycles). */
function fromStyle(dict: Stack['styleDictionary'], name: string, property: string, visited?: Set<string>): unknown {
	if (visited?.has(name)) return undefined;
	const style = dict[name];
	if (!style) return undefined;
	if (isValue(style[property])) return style[property];
	if (!style.extends) return undefined;
	const seen = visited ?? new Set<string>();
	seen.add(name);
	const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
	for (let i = parents.length - 1; i >= 0; i--) {
		const value = fromStyle(dict, parents[i], property, seen);
		if (isValue(value)) return value;
	}
	return undefined;
}

function fromEntry(stack: Stack, entry: unknown, property: string): unknown {
	return isString(entry) ? fromStyle(stack.styleDictionary, String(entry), property) : (entry as Item)[property];
}

/** The stack of the text being measured now (TextInlines.measure) and what it answered so far. */
let measuring: { stack: Stack; values: Map<string, unknown> } | null = null;

/** StyleContextStack.getStyleProperty without pushing the item: the same order of precedence (the
 * item, its own named styles last-first, then the stack top-down, then the default style). */
export function styleProperty(item: Item, stack: Stack | null | undefined, property: string, defaultValue: unknown): unknown {
	if (isValue(item[property])) return item[property];
	if (!stack) return defaultValue;
	const ownStyles = !isString(item) && typeof item.section === 'undefined' && item.style;
	// While one text is measured its stack stays put, so what the stack says is asked once per property.
	const memo = !ownStyles && measuring?.stack === stack ? measuring.values : null;
	if (memo?.has(property)) return memo.get(property) ?? defaultValue;
	let value: unknown;
	if (ownStyles) {
		const names = Array.isArray(item.style) ? item.style : [item.style];
		for (let i = names.length - 1; i >= 0 && !isValue(value); i--) value = fromEntry(stack, names[i], property);
	}
	const overrides = stack.styleOverrides;
	if (overrides) for (let i = overrides.length - 1; i >= 0 && !isValue(value); i--) value = fromEntry(stack, overrides[i], property);
	if (!isValue(value)) value = stack.defaultStyle && stack.defaultStyle[property];
	if (!isValue(value)) value = undefined;
	memo?.set(property, value);
	return value ?? defaultValue;
}

interface Inline extends Item {
	text: string;
	x: number;
	width: number;
	trailingCut?: number;
}
interface Page {
	items: Array<{ type: string; item: { inlines?: Inline[] } }>;
}

// Anything that makes a word more than ink at a place keeps it drawn on its own.
// (Written out rather than looped over a list of keys: this runs for every word of the report.)
function plain(i: Inline): boolean {
	return !(i.link || i.linkToPage || i.linkToDestination || i._pageNodeRef || i._tocItemRef || i.decoration || i.background || i.fontFeatures || i.characterSpacing || i.justifyShift || i.sup || i.sub);
}

function sameLook(a: Inline, b: Inline): boolean {
	return a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity && a.height === b.height && Math.abs(a.x + a.width - b.x) < 1e-6;
}

/** The line's words with runs of equal, plain words joined. New objects: pdfmake shares inline
 * objects between a line and its copies (repeated table headers), so nothing is changed in place. */
export function joinedInlines(inlines: Inline[]): Inline[] {
	const out: Inline[] = [];
	for (const inline of inlines) {
		const last = out.at(-1);
		if (last && plain(last) && plain(inline) && sameLook(last, inline)) {
			out[out.length - 1] = { ...last, text: last.text + inline.text, width: last.width + inline.width, trailingCut: inline.trailingCut };
		} else out.push(inline);
	}
	return out;
}

/** Installs the replacements once, on the pinned pdfmake version only. */
export function tunePdfmake(): void {
	if (pdfmakeTuning.applied || !pdfmakeTunable) return;
	const Styles = (require('pdfmake/js/StyleContextStack') as { default: { getStyleProperty: typeof styleProperty } }).default;
	const Renderer = (require('pdfmake/js/Renderer') as { default: { prototype: { renderPages(pages: Page[]): void } } }).default;
	const TextInlines = (require('pdfmake/js/TextInlines') as { default: { prototype: { measure(array: Item[], stack: Stack): Item[] } } }).default;
	const stockStyle = Styles.getStyleProperty;
	Styles.getStyleProperty = (item, stack, property, defaultValue) =>
		pdfmakeTuning.enabled ? styleProperty(item, stack, property, defaultValue) : stockStyle.call(Styles, item, stack, property, defaultValue);
	const stockMeasure = TextInlines.prototype.measure;
	TextInlines.prototype.measure = function (array, stack) {
		const outer = measuring;
		measuring = pdfmakeTuning.enabled && stack ? { stack, values: new Map() } : null;
		try {
			return stockMeasure.call(this, array, stack);
		} finally {
			measuring = outer;
		}
	};
	const stockRender = Renderer.prototype.renderPages;
	Renderer.prototype.renderPages = function (pages: Page[]) {
		if (pdfmakeTuning.enabled) {
			for (const page of pages) {
				for (const entry of page.items) {
					if (entry.type === 'line' && entry.item.inlines && entry.item.inlines.length > 1) {
						entry.item = Object.assign(Object.create(Object.getPrototypeOf(entry.item)), entry.item, { inlines: joinedInlines(entry.item.inlines) });
					}
				}
			}
		}
		stockRender.call(this, pages);
	};
	pdfmakeTuning.applied = true;
}
