import { and, isNull } from 'drizzle-orm';
import { cards } from '../db/schema.ts';

/** On the board: not withdrawn, not hidden, not merged into another card (one condition for every reader). */
export const onBoard = and(isNull(cards.withdrawnAt), isNull(cards.hiddenAt), isNull(cards.mergedIntoId));
