import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	COMMAND_MESSAGE,
	encodeCommand,
	encodeCommandAnswer,
	isCommandFrame,
	readCommandAnswer,
	readCommandText
} from '../../src/lib/realtime/command-wire.ts';
import { asLocale, localeFromCookieHeader } from '../../src/lib/server/i18n/locale-cookie.ts';

// The command frame on the room socket (issue #18): what the board sends and the hub answers.

function answerOf(frame: Uint8Array) {
	const decoder = decoding.createDecoder(frame);
	expect(decoding.readVarUint(decoder)).toBe(COMMAND_MESSAGE);
	return readCommandAnswer(decoder);
}

describe('the command frame', () => {
	it('carries the HTTP body as JSON after type 8, beside the y-websocket types 0–3', () => {
		const frame = encodeCommand({ commandId: 'c-1', type: 'vote.cast', cardId: 'k' });
		expect(frame[0]).toBe(8);
		expect(isCommandFrame(frame)).toBe(true);
		expect(JSON.parse(readCommandText(frame))).toEqual({ commandId: 'c-1', type: 'vote.cast', cardId: 'k' });
		for (const type of [0, 1, 2, 3]) expect(isCommandFrame(Uint8Array.of(type, 0))).toBe(false);
	});

	it('answers with the command id, status and body; null id when the frame could not be read', () => {
		expect(answerOf(encodeCommandAnswer({ commandId: 'c-1', status: 409, body: { error: 'budget-spent' } }))).toEqual({
			commandId: 'c-1',
			status: 409,
			body: { error: 'budget-spent' }
		});
		expect(answerOf(encodeCommandAnswer({ commandId: null, status: 400, body: { error: 'invalid-json' } }))?.commandId).toBeNull();
	});

	it('reads no answer from a frame the server could not have sent', () => {
		for (const text of ['{', '[]', 'null', '{"status":"200","body":{}}', '{"status":200,"body":null}']) {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, COMMAND_MESSAGE);
			encoding.writeVarString(e, text);
			expect(answerOf(encoding.toUint8Array(e)), text).toBeNull();
		}
	});

	it('throws on a command frame cut short (the hub closes such a socket with 1002)', () => {
		expect(() => readCommandText(Uint8Array.of(8, 0x90, 0x4e))).toThrow();
	});
});

describe("a socket's language", () => {
	it('is the one its cookie names, as the HTTP side reads it; Dutch otherwise', () => {
		expect(localeFromCookieHeader('denktafel_session=abc; PARAGLIDE_LOCALE=en')).toBe('en');
		expect(localeFromCookieHeader('PARAGLIDE_LOCALE=nl')).toBe('nl');
		expect(localeFromCookieHeader('PARAGLIDE_LOCALE=fr')).toBe('nl');
		expect(localeFromCookieHeader(undefined)).toBe('nl');
		expect(asLocale('en')).toBe('en');
		expect(asLocale(undefined)).toBe('nl');
	});
});
