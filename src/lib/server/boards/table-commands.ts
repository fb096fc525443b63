import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import { addCardCommand } from './add-card.ts';
import { editCard, hideCard, mergeCards, moveCard, restoreCard, withdrawCard } from './card-commands.ts';
import {
	createCluster,
	dissolveCluster,
	mergeClusters,
	moveCluster,
	renameCluster
} from './cluster-commands.ts';
import { PhaseInput, writePhase, type PhaseResult } from './phase-commands.ts';
import {
	commandNamed,
	defineCommand,
	runBoardCommand,
	UNKNOWN_COMMAND,
	type BoardCommandDef,
	type BoardCommandResult,
	type Outcome
} from './board-scope.ts';
import { castVote, withdrawVote } from './vote-commands.ts';
import { restoreBoard, undoCommand } from './history-commands.ts';
import { cardsFromPoll } from './poll-to-board.ts';
import { acceptSuggestions } from './suggestion-commands.ts';

/** A facilitator moves one table to a phase. */
export const setTablePhase = defineCommand({
	type: 'phase.set',
	who: 'facilitator',
	schema: PhaseInput,
	async run(ctx, input): Promise<Outcome<PhaseResult>> {
		return { ok: true, result: await writePhase(ctx.db, [ctx.table.id], input, ctx.now) };
	}
});

// Every command a table's board accepts, by its `type`.
const COMMANDS: Record<string, BoardCommandDef<v.GenericSchema, unknown>> = Object.fromEntries(
	[
		addCardCommand,
		editCard,
		withdrawCard,
		hideCard,
		restoreCard,
		moveCard,
		acceptSuggestions,
		mergeCards,
		createCluster,
		renameCluster,
		moveCluster,
		mergeClusters,
		dissolveCluster,
		castVote,
		withdrawVote,
		setTablePhase,
		restoreBoard,
		undoCommand,
		cardsFromPoll
	].map((def) => [def.type, def as BoardCommandDef<v.GenericSchema, unknown>])
);

export const TABLE_COMMAND_TYPES = Object.keys(COMMANDS);

/** Runs the command named by `input.type` at a table. */
export async function runTableCommand(
	db: Db,
	actor: Actor,
	tableId: string,
	input: unknown,
	now: number
): Promise<BoardCommandResult<unknown>> {
	const def = commandNamed(input, COMMANDS);
	if (!def) return UNKNOWN_COMMAND;
	return runBoardCommand(db, actor, tableId, input, now, def);
}
