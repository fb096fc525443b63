// The sizes of each scenario: the full run, and a small `--quick` one (under a minute).
export function benchConfig(quick: boolean) {
	return quick
		? {
				fanout: { sizes: [50], rate: 20, seconds: 2, fullSample: 5 },
				manyRooms: { tables: 5, clientsPerTable: 10, rate: 50, seconds: 2, fullSample: 5 },
				presence: { ours: [100], reference: [100], hocuspocus: [100], hz: 2, seconds: 3, senders: 3, observers: 3, graceMs: 2_000 },
				votes: { voters: 100, budget: 3, cards: 12, repeats: 1 },
				idle: { clients: 200, seconds: 2 },
				hostile: { clients: 100, rate: 10, seconds: 3, sockets: 8, syncPerSecond: 90, commandLoops: 8 },
				childTimeoutMs: 60_000
			}
		: {
				fanout: { sizes: [100, 500, 1000], rate: 20, seconds: 20, fullSample: 20 },
				manyRooms: { tables: 50, clientsPerTable: 20, rate: 100, seconds: 20, fullSample: 50 },
				// The relay and the peer also at 250, to show where they fall over.
				presence: { ours: [500, 1000], reference: [250, 500, 1000], hocuspocus: [250, 500, 1000], hz: 2, seconds: 15, senders: 4, observers: 4, graceMs: 8_000 },
				// Three bursts, each on a fresh app: one burst's time varies with what the host is doing.
				votes: { voters: 1000, budget: 3, cards: 12, repeats: 3 },
				idle: { clients: 1000, seconds: 10 },
				// The attack: 8 sockets at 90 sync requests a second, 8 command loops. 10 cards a second
				// for 2 × 15 s leaves room for a 200-card board under the table's 500-card limit.
				hostile: { clients: 100, rate: 10, seconds: 15, sockets: 8, syncPerSecond: 90, commandLoops: 8 },
				childTimeoutMs: 180_000
			};
}

export type BenchConfig = ReturnType<typeof benchConfig>;
