import type { WebsocketProvider } from 'y-websocket';
import { COMMAND_MESSAGE, encodeCommand, readCommandAnswer, type CommandAnswer } from './command-wire.ts';

// Sends commands over a room's y-websocket connection and matches the answers by command id (the
// wire: command-wire.ts). Used by the browser's board, and by the tests and the benchmark as the
// browser does. Nothing here retries: the caller keeps its command and sends it again with the same
// id, which the server answers as it did the first time.

/** Why a command got no answer on the socket: the caller falls back to HTTP or keeps it waiting. */
export type NoAnswer = 'not-open' | 'timeout' | 'closed';

/** The largest command sent over the socket; a larger one goes by HTTP, which refuses it with 413 itself. */
const SOCKET_COMMAND_MAX = 200 * 1024;

export class SocketCommands {
	#provider: WebsocketProvider;
	#waiting = new Map<string, { resolve(answer: CommandAnswer | NoAnswer): void; timer: ReturnType<typeof setTimeout> }>();

	constructor(provider: WebsocketProvider) {
		this.#provider = provider;
		provider.messageHandlers[COMMAND_MESSAGE] = (_encoder, decoder) => {
			const answer = readCommandAnswer(decoder);
			if (answer?.commandId) this.#settle(answer.commandId, answer);
		};
		// A dropped connection will not answer: those commands go again (same id) once it is back.
		provider.on('connection-close', this.#dropAll);
	}

	/** Open and synced: a command sent now reaches a room that serves it. */
	get ready(): boolean {
		const ws = this.#provider.ws;
		return this.#provider.wsconnected && this.#provider.synced && ws !== null && ws.readyState === 1;
	}

	/** Sends one command (with its `commandId`); resolves with the server's answer or why there is none. */
	send(command: { commandId: string } & Record<string, unknown>, timeoutMs: number): Promise<CommandAnswer | NoAnswer> {
		const ws = this.#provider.ws;
		if (!this.ready || !ws) return Promise.resolve('not-open');
		const frame = encodeCommand(command);
		if (frame.byteLength > SOCKET_COMMAND_MAX) return Promise.resolve('not-open');
		// One answer per id: a second send of a waiting id leaves the first to its own timeout.
		this.#settle(command.commandId, 'timeout');
		return new Promise((resolve) => {
			const timer = setTimeout(() => this.#settle(command.commandId, 'timeout'), timeoutMs);
			this.#waiting.set(command.commandId, { resolve, timer });
			try {
				ws.send(frame);
			} catch {
				this.#settle(command.commandId, 'closed');
			}
		});
	}

	/** Stops listening; commands still waiting resolve as 'closed'. */
	destroy(): void {
		this.#provider.off('connection-close', this.#dropAll);
		delete this.#provider.messageHandlers[COMMAND_MESSAGE];
		this.#dropAll();
	}

	#dropAll = (): void => {
		for (const id of Array.from(this.#waiting.keys())) this.#settle(id, 'closed');
	};

	#settle(commandId: string, outcome: CommandAnswer | NoAnswer): void {
		const waiting = this.#waiting.get(commandId);
		if (!waiting) return;
		this.#waiting.delete(commandId);
		clearTimeout(waiting.timer);
		waiting.resolve(outcome);
	}
}
