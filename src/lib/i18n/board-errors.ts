import { m } from '$lib/paraglide/messages';
import { HIDE_REASON_MAX } from '$lib/server/boards/card-commands';
import { CLUSTER_NAME_MAX } from '$lib/server/boards/cluster-commands';

// Board command codes as sentences; errors.ts falls back to this table.
export const BOARD_MESSAGES: Record<string, () => string> = {
	'card-not-found': () => m.boarderr_card_not_found(),
	'cluster-not-found': () => m.boarderr_cluster_not_found(),
	'theme-not-found': () => m.boarderr_theme_not_found(),
	'not-own-card': () => m.boarderr_not_own_card(),
	'not-a-voter': () => m.boarderr_not_a_voter(),
	'choice-closed': () => m.boarderr_choice_closed(),
	'wrong-phase': () => m.boarderr_wrong_phase(),
	'budget-spent': () => m.boarderr_budget_spent(),
	'card-cap': () => m.boarderr_card_cap(),
	'no-vote-to-withdraw': () => m.boarderr_no_vote(),
	'table-at-capacity': () => m.boarderr_table_at_capacity(),
	'same-card': () => m.boarderr_same_card(),
	'same-cluster': () => m.boarderr_same_cluster(),
	'not-hidden': () => m.boarderr_not_hidden(),
	'nothing-to-undo': () => m.boarderr_nothing_to_undo(),
	'changed-since': () => m.boarderr_changed_since(),
	'seq-invalid': () => m.boarderr_seq_invalid(),
	'plenary-started': () => m.boarderr_plenary_started(),
	'plenary-not-started': () => m.boarderr_plenary_not_started(),
	'top-invalid': () => m.boarderr_top_invalid(),
	'items-required': () => m.boarderr_items_required(),
	'items-too-many': () => m.boarderr_items_too_many(),
	'part-invalid': () => m.boarderr_part_invalid(),
	'message-too-long': () => m.boarderr_message_too_long(),
	'reason-required': () => m.boarderr_reason_required(),
	'reason-too-long': () => m.boarderr_reason_too_long({ max: HIDE_REASON_MAX }),
	'cluster-name-required': () => m.boarderr_cluster_name_required(),
	'cluster-name-too-long': () => m.boarderr_cluster_name_too_long({ max: CLUSTER_NAME_MAX }),
	'id-required': () => m.boarderr_id_invalid(),
	'id-invalid': () => m.boarderr_id_invalid(),
	'phase-invalid': () => m.boarderr_phase_invalid(),
	'seconds-invalid': () => m.boarderr_seconds_invalid(),
	'budget-invalid': () => m.boarderr_budget_invalid(),
	'mode-invalid': () => m.boarderr_mode_invalid(),
	'tables-required': () => m.boarderr_tables_required(),
	'command-type-unknown': () => m.boarderr_command_unknown(),
	invalid: () => m.boarderr_invalid()
};
