// The fixed value lists of the schema that pages and endpoints validate input against. Routes import
// these from here, never the schema itself: tables are queried by domain modules only (the
// architecture test in tests/unit/architecture.test.ts holds routes to that).
export {
	REPORT_FORMATS,
	SECTORS,
	SERIES_EXPORT_FORMATS,
	type ReportFormat,
	type Sector,
	type SeriesExportFormat
} from './schema.ts';
