/** Drop handling for a column or a cluster: only our own dragged cards, never text from elsewhere. */
export const CARD_TYPE = 'application/x-denktafel-card';

export function acceptsCard(event: DragEvent): boolean {
	return event.dataTransfer?.types.includes(CARD_TYPE) ?? false;
}

export function droppedCard(event: DragEvent): string | null {
	return event.dataTransfer?.getData(CARD_TYPE) || null;
}
