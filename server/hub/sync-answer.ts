import * as Y from 'yjs';
import { encodeSyncStep2 } from './protocol.ts';

// Answers to a client's sync step 1, made cheap. A 4-byte step 1 with an empty state vector asks for
// the whole doc: encoding a 400-card board anew for every such request let one participant turn a
// trickle of tiny frames into a gigabyte of output. So the whole-doc answer is encoded once per doc
// version and shared, and a client whose state vector shows it has every change gets an empty
// answer; anyone else gets exactly the difference to what its state vector says it has.

/** A step 2 carrying an update with no structs and an empty delete set: "you have it all". */
const NOTHING_MISSING: Uint8Array = encodeSyncStep2(new Y.Doc(), Y.encodeStateVector(new Y.Doc()));

export class SyncAnswers {
	readonly #doc: Y.Doc;
	#whole: Uint8Array | null = null;
	#stateVector: Map<number, number> | null = null;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
	}

	/** Call on every doc update: cached answers describe the doc as it was. */
	invalidate(): void {
		this.#whole = null;
		this.#stateVector = null;
	}

	/** The whole doc as a step 2 (also what a joining client gets). */
	whole(): Uint8Array {
		this.#whole ??= encodeSyncStep2(this.#doc);
		return this.#whole;
	}

	/** The answer to a step 1 carrying `encodedStateVector`. Throws when it does not decode. */
	answer(encodedStateVector: Uint8Array): Uint8Array {
		const theirs = Y.decodeStateVector(encodedStateVector);
		if (theirs.size === 0) return this.whole();
		this.#stateVector ??= Y.decodeStateVector(Y.encodeStateVector(this.#doc));
		let hasAll = true;
		for (const [client, clock] of this.#stateVector) {
			if ((theirs.get(client) ?? 0) < clock) {
				hasAll = false;
				break;
			}
		}
		return hasAll ? NOTHING_MISSING : encodeSyncStep2(this.#doc, encodedStateVector);
	}
}
