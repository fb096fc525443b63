import { m } from '$lib/paraglide/messages';
import type { ExportLabels } from '$lib/server/exports/responses-table';

/** Column names in the request's language. */
export function exportLabels(): ExportLabels {
	return {
		participant: m.export_col_participant(),
		name: m.export_col_name(),
		partnership: m.export_col_partnership(),
		sector: m.export_col_sector(),
		region: m.export_col_region(),
		explanation: (prompt) => m.export_col_explanation({ prompt })
	};
}
