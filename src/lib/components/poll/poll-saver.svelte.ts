import { deserialize } from '$app/forms';
import { m } from '$lib/paraglide/messages';
import { newCommandId } from '$lib/realtime/command-id';
import { meetingHeaders, meetingOfPath } from '$lib/realtime/meeting-route';
import type { AnswerValue } from './answer-form';

export type SaveState =
	| { kind: 'idle' }
	| { kind: 'saving' }
	| { kind: 'saved' }
	| { kind: 'failed'; message: string; code: string };

interface Pending {
	timer: ReturnType<typeof setTimeout> | null;
	/** Saves of one question go one after another, so an older answer never lands last. */
	chain: Promise<void>;
}

/**
 * Save as you go: each question's answer goes to the page's `save` action as soon as it changes
 * (text after a pause). Every save carries a fresh command id; a retry after a network failure
 * reuses it, so the server applies it once.
 */
export class PollSaver {
	#action: string;
	#states = $state<Record<string, SaveState>>({});
	#announcement = $state('');
	#pending = new Map<string, Pending>();

	/** `action`: the URL of the page's save action (`…/poll?/save`). */
	constructor(action: string) {
		this.#action = action;
	}

	stateOf(questionId: string): SaveState {
		return this.#states[questionId] ?? { kind: 'idle' };
	}

	/** The latest outcome, for a polite live region. */
	get announcement(): string {
		return this.#announcement;
	}

	schedule(questionId: string, value: AnswerValue, explanation: string, delay: number): void {
		const pending = this.#pending.get(questionId) ?? { timer: null, chain: Promise.resolve() };
		if (pending.timer) clearTimeout(pending.timer);
		pending.timer = setTimeout(() => {
			pending.timer = null;
			pending.chain = pending.chain.then(() => this.#send(questionId, value, explanation));
		}, delay);
		this.#pending.set(questionId, pending);
	}

	async #send(questionId: string, value: AnswerValue, explanation: string): Promise<void> {
		this.#states[questionId] = { kind: 'saving' };
		const body = new FormData();
		body.set('questionId', questionId);
		body.set('payload', JSON.stringify({ commandId: newCommandId(), value, explanation }));
		const result = await this.#post(body);
		if (result?.type === 'success') {
			this.#states[questionId] = { kind: 'saved' };
			this.#announcement = m.pollui_saved();
			return;
		}
		const data =
			result?.type === 'failure' ? (result.data as { code?: string; message?: string }) : null;
		const message = data?.message ?? m.error_network();
		this.#states[questionId] = { kind: 'failed', message, code: data?.code ?? 'network' };
		this.#announcement = m.pollui_not_saved({ reason: message });
	}

	async #post(body: FormData) {
		for (let attempt = 0; attempt < 2; attempt++) {
			try {
				const response = await fetch(this.#action, {
					method: 'POST',
					body,
					headers: { 'x-sveltekit-action': 'true', ...meetingHeaders(meetingOfPath(this.#action)) }
				});
				return deserialize(await response.text());
			} catch {
				// network failure: once more, with the same command id
			}
		}
		return null;
	}
}
