import { connect, createServer, type Socket } from 'node:net';
import { freePort } from './app-server.ts';

/**
 * A TCP forwarder in front of app processes, for fault tests: each new connection goes to the first
 * process that accepts it, in the order given. A process that refuses a connection is taken out for good,
 * as a proxy's health check takes out a dead process; connections to a process that dies are cut with it,
 * so clients see what they would see behind HAProxy (a reset, then a retry that reaches the other
 * process) while HTTP and WebSocket keep one origin, the forwarder's.
 */
export interface FailoverProxy {
	url: string;
	wsUrl: string;
	port: number;
	/** Ports taken out so far. */
	down(): number[];
	/**
	 * From now on nothing a process sends reaches the clients (its answers are lost on the way), while
	 * requests still reach it: a process hanging on its way down. Commands it commits meanwhile are
	 * committed but unanswered, the case a retry with the same command id exists for.
	 */
	silence(port: number): void;
	close(): Promise<void>;
}

export async function startFailoverProxy(ports: number[]): Promise<FailoverProxy> {
	const down = new Set<number>();
	const silenced = new Set<number>();
	const sockets = new Set<Socket>();
	const links = new Map<number, Set<{ upstream: Socket; client: Socket }>>();
	const track = (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	};

	// Read and drop, rather than pause: a paused socket would not notice its process die. (unpipe pauses
	// the stream, and a 'data' listener alone does not resume a paused one.)
	const discard = (upstream: Socket) => upstream.on('data', () => {}).resume();

	const forward = (client: Socket, candidates: number[]) => {
		const port = candidates.find((p) => !down.has(p));
		if (port === undefined) return client.destroy();
		const upstream = connect(port, '127.0.0.1');
		track(upstream);
		let connected = false;
		upstream.once('connect', () => {
			connected = true;
			client.pipe(upstream);
			if (silenced.has(port)) discard(upstream);
			else upstream.pipe(client);
			client.resume();
			const link = { upstream, client };
			if (!links.has(port)) links.set(port, new Set());
			links.get(port)!.add(link);
			upstream.once('close', () => links.get(port)?.delete(link));
		});
		upstream.on('error', (error: NodeJS.ErrnoException) => {
			if (!connected && error.code === 'ECONNREFUSED') {
				down.add(port);
				forward(client, candidates);
			} else client.destroy();
		});
		// A refused attempt closes too: only a connection that was made takes its client down with it.
		upstream.once('close', () => connected && client.destroy());
		client.once('close', () => upstream.destroy());
	};

	const port = await freePort();
	const server = createServer({ pauseOnConnect: true }, (client) => {
		track(client);
		client.on('error', () => client.destroy());
		forward(client, ports);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}/yjs`,
		port,
		down: () => [...down],
		silence(port) {
			silenced.add(port);
			for (const { upstream, client } of links.get(port) ?? []) {
				upstream.unpipe(client);
				discard(upstream);
			}
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
