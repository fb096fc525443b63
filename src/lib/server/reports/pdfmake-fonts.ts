import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pdfmakeTunable, pdfmakeTuning } from './pdfmake-tuning.ts';

// The report fonts, read from disk once per process into pdfmake's in-memory file system (so pdfmake
// needs no file access at all), and one shared cache of shaped words per font. pdfkit shapes every
// distinct word with fontkit (the slowest part of measuring text) and caches the result, but per
// document: each report started from nothing. A shaped word depends only on the font file, so the
// cache is kept across documents; it is dropped when it grows past WORDS_PER_FONT, so memory stays
// bounded however many different reports a server makes.

const require = createRequire(import.meta.url);
const WORDS_PER_FONT = 20_000;
const FILES = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
/** Where the fonts live in pdfmake's virtual file system. */
const vfsName = (file: string) => `denktafel-fonts/${file}`;

type ShapedWords = Record<string, unknown>;
const shared = new Map<string, ShapedWords>();

interface EmbeddedFont {
	layoutCache?: ShapedWords;
}
interface PdfKitDoc {
	fontCache: Record<string, Record<string, EmbeddedFont> | undefined>;
	getFontType(bold: boolean, italics: boolean): string;
	getFontFile(family: string, bold: boolean, italics: boolean): unknown;
}
type ProvideFont = (this: PdfKitDoc, family: string, bold: boolean, italics: boolean) => EmbeddedFont;

function wordsFor(file: string): ShapedWords {
	let words = shared.get(file);
	if (!words || Object.keys(words).length > WORDS_PER_FONT) {
		words = Object.create(null) as ShapedWords;
		shared.set(file, words);
	}
	return words;
}

/** Gives every new font of a document the shared cache of its file (report fonts only). */
function shareShapedWords(): void {
	const PDFDocument = (require('pdfmake/js/PDFDocument') as { default: { prototype: { provideFont: ProvideFont } } }).default;
	const stock = PDFDocument.prototype.provideFont;
	PDFDocument.prototype.provideFont = function (family, bold, italics) {
		const fresh = !this.fontCache[family]?.[this.getFontType(bold, italics)];
		const font = stock.call(this, family, bold, italics);
		const file = this.getFontFile(family, bold, italics);
		if (fresh && pdfmakeTuning.enabled && typeof file === 'string' && file.startsWith(vfsName('')) && font.layoutCache) font.layoutCache = wordsFor(file);
		return font;
	};
}

interface PdfMakeFonts {
	virtualfs: { writeFileSync(name: string, content: Buffer): void };
	setFonts(fonts: Record<string, typeof FILES>): void;
}

/** Registers Roboto (pdfmake's own copy) from memory; call once per process. */
export function loadReportFonts(lib: PdfMakeFonts): void {
	const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
	const names = { ...FILES };
	for (const [style, file] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
		lib.virtualfs.writeFileSync(vfsName(file), readFileSync(join(dir, file)));
		names[style] = vfsName(file);
	}
	lib.setFonts({ Roboto: names });
	if (pdfmakeTunable) shareShapedWords();
}
