// What the layout knows about whoever is looking: enough for the header, never ids of sessions.
export type Viewer =
	| { kind: 'user'; name: string; role: 'admin' | 'facilitator' }
	| { kind: 'participant'; name: string; tableId: string | null }
	| null;
