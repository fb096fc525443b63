import {
	Accessibility,
	AutoScroller,
	Cursor,
	DragDropManager,
	Draggable,
	Droppable,
	Feedback,
	KeyboardSensor,
	PointerSensor,
	PreventSelection,
	type DragEndEvent,
	type DragOverEvent,
	type DragStartEvent
} from '@dnd-kit/dom';
import type { Attachment } from 'svelte/attachments';
import { m } from '$lib/paraglide/messages';

// Dragging cards on the board through @dnd-kit/dom: its pointer sensor (mouse, pen, touch with a short
// hold so scrolling still works), its keyboard sensor (Space or Enter picks a focused card up, arrows
// move it, Space drops, Escape cancels) and its screen reader announcements, in our words. A drop only
// sends a command: the server decides and the doc shows the result (DESIGN: the UI never writes the doc).

/**
 * What a card can be dropped on: a theme's column or a cluster. Dropping among other cards puts it
 * there too (never a silent merge: marking a duplicate is a choice made in the card's menu).
 */
export interface DropTarget {
	themeId: string | null;
	clusterId: string | null;
	label: string;
}

export interface DragCard {
	id: string;
	text: string;
}

/** @dnd-kit's collision priorities (its enum lives in a package we do not depend on directly). */
const PRIORITY = { column: 1, cluster: 2 } as const;

/** Keyboard steps large enough to cross a column in a few presses. */
const KEY_STEP = { x: 96, y: 48 };

export class BoardDnd {
	#manager: DragDropManager | null = null;
	#onDrop: (card: DragCard, target: DropTarget) => void;
	#instructionsId: string;

	constructor(onDrop: (card: DragCard, target: DropTarget) => void, instructionsId: string) {
		this.#onDrop = onDrop;
		this.#instructionsId = instructionsId;
	}

	/** Made on first use, in the browser only (attachments do not run on the server). */
	#get(): DragDropManager {
		if (this.#manager) return this.#manager;
		const labelOf = (target: { data?: unknown } | null) => (target?.data as DropTarget | undefined)?.label;
		const textOf = (source: { data?: unknown } | null) => (source?.data as DragCard | undefined)?.text ?? '';
		const manager = new DragDropManager({
			sensors: [PointerSensor, KeyboardSensor.configure({ offset: KEY_STEP })],
			plugins: [
				Accessibility.configure({
					screenReaderInstructions: { draggable: m.boarddnd_instructions() },
					announcements: {
						dragstart: ({ operation }: DragStartEvent) => m.boarddnd_picked({ text: textOf(operation.source) }),
						dragover: ({ operation }: DragOverEvent) => {
							const label = labelOf(operation.target);
							return label ? m.boarddnd_over({ target: label }) : m.boarddnd_over_nothing();
						},
						dragend: ({ operation, canceled }: DragEndEvent) => {
							const label = labelOf(operation.target);
							return canceled || !label ? m.boarddnd_cancelled() : m.boarddnd_dropped({ target: label });
						}
					}
				}),
				AutoScroller,
				Cursor,
				Feedback,
				PreventSelection
			]
		});
		// The visible drop target: whatever the card is over now carries data-drop-target.
		let over: Element | undefined;
		const mark = (element: Element | undefined) => {
			over?.removeAttribute('data-drop-target');
			over = element;
			over?.setAttribute('data-drop-target', '');
		};
		manager.monitor.addEventListener('dragover', ({ operation }) => mark(operation.target?.element));
		manager.monitor.addEventListener('dragend', ({ operation, canceled }) => {
			mark(undefined);
			const card = operation.source?.data as DragCard | undefined;
			const target = operation.target?.data as DropTarget | undefined;
			if (canceled || !card || !target) return;
			this.#onDrop(card, target);
		});
		this.#manager = manager;
		return manager;
	}

	/** Makes a card draggable (while `enabled`); the card keeps its own role and name. */
	draggable(card: DragCard, enabled: boolean): Attachment<HTMLElement> {
		return (element) => {
			if (!enabled) return;
			element.setAttribute('aria-roledescription', m.boarddnd_role());
			element.setAttribute('aria-describedby', this.#instructionsId);
			const draggable = new Draggable({ id: card.id, element, type: 'card', data: card }, this.#get());
			return () => draggable.destroy();
		};
	}

	/** Makes a column or a cluster a place to drop cards on; a cluster wins over its column. */
	droppable(id: string, target: DropTarget, enabled: boolean): Attachment<HTMLElement> {
		return (element) => {
			if (!enabled) return;
			const priority = target.clusterId ? PRIORITY.cluster : PRIORITY.column;
			const droppable = new Droppable({ id, element, accept: 'card', data: target, collisionPriority: priority }, this.#get());
			return () => droppable.destroy();
		};
	}

	destroy(): void {
		this.#manager?.destroy();
		this.#manager = null;
	}
}
