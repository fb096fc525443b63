// The board's theme suggestions, fetched from the server (the engine reads a prebuilt word list and
// stays server-side). The board calls `follow` with a key of what the suggestions depend on; a
// changed key fetches again after a short pause, so a burst of moves costs one request.

export interface ShownSuggestion {
	cardId: string;
	kind: 'theme' | 'doubt' | 'none';
	themeId: string | null;
	reason: string;
	learned: boolean;
}

const DEBOUNCE_MS = 250;

export class BoardSuggestions {
	#byCard = $state(new Map<string, ShownSuggestion>());
	#confident = $state<Array<{ cardId: string; themeId: string }>>([]);
	/** Card id → the cards it looks like, each with the words they share. */
	#alike = $state(new Map<string, Map<string, string[]>>());
	#timer: ReturnType<typeof setTimeout> | null = null;
	#key = '';
	/** Answers to older keys are dropped: the board may have changed while they were on their way. */
	#asked = 0;

	readonly tableId: string;

	constructor(tableId: string) {
		this.tableId = tableId;
	}

	get byCard(): ReadonlyMap<string, ShownSuggestion> {
		return this.#byCard;
	}

	get confident(): ReadonlyArray<{ cardId: string; themeId: string }> {
		return this.#confident;
	}

	/** The cards that look like this one ("lijken op elkaar"), with their shared words. */
	alikeTo(cardId: string): ReadonlyMap<string, string[]> {
		return this.#alike.get(cardId) ?? new Map();
	}

	/** Follows the board: an empty key means no suggestions now (another phase, or none may sort). */
	follow(key: string): void {
		if (key === this.#key) return;
		this.#key = key;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (!key) {
			this.#asked++;
			this.#byCard = new Map();
			this.#confident = [];
			this.#alike = new Map();
			return;
		}
		this.#timer = setTimeout(() => void this.#load(), DEBOUNCE_MS);
	}

	async #load(): Promise<void> {
		const asked = ++this.#asked;
		try {
			const res = await fetch(`/api/tables/${this.tableId}/suggestions`, { headers: { accept: 'application/json' } });
			if (!res.ok) return;
			const body = (await res.json()) as {
				suggestions: ShownSuggestion[];
				confident: Array<{ cardId: string; themeId: string }>;
				duplicates: Array<{ cardIds: string[]; sharedWords: string[] }>;
			};
			if (asked !== this.#asked) return;
			this.#byCard = new Map(body.suggestions.map((s) => [s.cardId, s]));
			this.#confident = body.confident;
			const alike = new Map<string, Map<string, string[]>>();
			for (const group of body.duplicates) {
				for (const id of group.cardIds) {
					const others = alike.get(id) ?? new Map<string, string[]>();
					for (const other of group.cardIds) if (other !== id) others.set(other, group.sharedWords);
					alike.set(id, others);
				}
			}
			this.#alike = alike;
		} catch {
			// Offline: the last suggestions stay; the next change of the board asks again.
		}
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#asked++;
	}
}
