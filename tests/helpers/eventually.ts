/** Resolves with the first truthy answer of `check` (which may be async), polling; rejects after `ms`. */
export async function eventually<T>(
	check: () => T | Promise<T>,
	ms = 5_000,
	what = 'condition',
	everyMs = 20
): Promise<NonNullable<T>> {
	const deadline = Date.now() + ms;
	for (;;) {
		const answer = await check();
		if (answer) return answer as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}
