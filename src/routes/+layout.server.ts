import type { LayoutServerLoad } from './$types';
import type { Viewer } from '$lib/components/viewer';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	let viewer: Viewer = null;
	if (actor?.kind === 'user') {
		viewer = { kind: 'user', name: actor.user.name, role: actor.user.role };
	} else if (actor?.kind === 'participant') {
		const p = actor.participant;
		viewer = { kind: 'participant', name: p.displayName, tableId: p.tableId };
	}
	return { viewer };
};
