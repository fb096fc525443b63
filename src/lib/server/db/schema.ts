import * as pg from './schema-pg.ts';
import * as lite from './schema-sqlite.ts';
import { DIALECT } from './dialect.ts';

// The tables the domain queries, from the dialect this process runs on (db/dialect.ts), each typed as
// its SQLite twin. drizzle cannot share one schema between dialects, yet the domain imports its tables
// from here everywhere: one domain, no dialect branches in it.
//
// Why the SQLite type is safe for a PostgreSQL table: a process runs one dialect for its whole life,
// so a query never mixes the two; the domain only builds queries with these objects (columns,
// `eq`, `select`), and drizzle turns them into SQL by the database they run on; and the schema parity
// test (tests/unit/schema-parity.test.ts) keeps both modules' tables, columns and JS row types equal.

const postgres = DIALECT === 'postgres';

/** The chosen dialect's table, typed as the SQLite one (see the top of this file). */
function pick<T>(sqliteTable: T, pgTable: unknown): T {
	return postgres ? (pgTable as T) : sqliteTable;
}

export const users = pick(lite.users, pg.users);
export const regions = pick(lite.regions, pg.regions);
export const partnerships = pick(lite.partnerships, pg.partnerships);
export const partnershipSectors = pick(lite.partnershipSectors, pg.partnershipSectors);
export const partnershipRegions = pick(lite.partnershipRegions, pg.partnershipRegions);
export const series = pick(lite.series, pg.series);
export const meetings = pick(lite.meetings, pg.meetings);
export const meetingFacilitators = pick(lite.meetingFacilitators, pg.meetingFacilitators);
export const tables = pick(lite.tables, pg.tables);
export const participants = pick(lite.participants, pg.participants);
export const themes = pick(lite.themes, pg.themes);
export const invitations = pick(lite.invitations, pg.invitations);
export const pollQuestions = pick(lite.pollQuestions, pg.pollQuestions);
export const pollResponses = pick(lite.pollResponses, pg.pollResponses);
export const sessions = pick(lite.sessions, pg.sessions);
export const cards = pick(lite.cards, pg.cards);
export const clusters = pick(lite.clusters, pg.clusters);
export const votes = pick(lite.votes, pg.votes);
export const plenaryItems = pick(lite.plenaryItems, pg.plenaryItems);
export const plenaryVotes = pick(lite.plenaryVotes, pg.plenaryVotes);
export const tableMessages = pick(lite.tableMessages, pg.tableMessages);
export const reportExports = pick(lite.reportExports, pg.reportExports);
export const cardVersions = pick(lite.cardVersions, pg.cardVersions);
export const clusterVersions = pick(lite.clusterVersions, pg.clusterVersions);
export const voteEvents = pick(lite.voteEvents, pg.voteEvents);
export const notices = pick(lite.notices, pg.notices);
export const commandLog = pick(lite.commandLog, pg.commandLog);
export const yjsDocuments = pick(lite.yjsDocuments, pg.yjsDocuments);
export const yjsUpdates = pick(lite.yjsUpdates, pg.yjsUpdates);
export const seriesExports = pick(lite.seriesExports, pg.seriesExports);

// The value lists and types are the same for both dialects (schema-pg.ts takes them from schema-sqlite.ts).
export {
	BOARD_PHASES,
	MEETING_STATUSES,
	PLENARY_PHASES,
	QUESTION_TYPES,
	REPORT_FORMATS,
	ROLES,
	SECTORS,
	SERIES_EXPORT_FORMATS,
	type BoardPhase,
	type MeetingStatus,
	type PlenaryPhase,
	type QuestionOption,
	type QuestionType,
	type ReportFormat,
	type Role,
	type Sector,
	type SeriesExportFormat,
	type ThemeWord
} from './schema-sqlite.ts';
