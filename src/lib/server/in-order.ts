/**
 * Maps items through an async function one after another, in order: the async counterpart of
 * `items.map(fn)` for database work. Not `Promise.all`: inside a transaction the statements must run
 * in the order written (ids, positions and history follow it), and one connection runs one at a time.
 */
export async function mapInOrder<T, R>(items: Iterable<T>, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	let index = 0;
	for (const item of items) results.push(await fn(item, index++));
	return results;
}
