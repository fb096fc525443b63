import { m } from '../paraglide/messages.js';

// Codes of the command frame's doors (commands/refusals.ts) that no domain table names; errors.ts
// falls back to this table.
export const FRAME_MESSAGES: Record<string, () => string> = {
	'too-large': () => m.frame_error_too_large()
};
