import type { SubmitFunction } from '@sveltejs/kit';
import { newCommandId } from '$lib/realtime/command-id';

/**
 * `use:enhance` submit handler: every enhanced post gets a new command id. The id rendered into
 * the form serves the no-JavaScript path, where each post reloads the page (and so the id); with
 * JavaScript two quick posts would otherwise share it, and the second would count as a retry.
 */
export const freshCommandId: SubmitFunction = ({ formData }) => {
	formData.set('commandId', newCommandId());
	return async ({ update }) => update({ reset: false });
};
