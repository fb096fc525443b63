/**
 * New integer positions after moving one item a step up or down; the list comes in its current
 * order. Positions are renumbered 0..n-1 so gaps and ties from older data disappear on first move.
 */
export function moveStep<T extends { id: string }>(
	list: readonly T[],
	id: string,
	direction: 'up' | 'down'
): Array<{ id: string; position: number }> | null {
	const from = list.findIndex((item) => item.id === id);
	if (from < 0) return null;
	const to = direction === 'up' ? from - 1 : from + 1;
	const ids = list.map((item) => item.id);
	if (to >= 0 && to < ids.length) [ids[from], ids[to]] = [ids[to], ids[from]];
	return ids.map((itemId, position) => ({ id: itemId, position }));
}
