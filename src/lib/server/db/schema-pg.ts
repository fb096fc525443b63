import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	customType,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import {
	BOARD_PHASES,
	commandLog as sqliteCommandLog,
	MEETING_STATUSES,
	plenaryItems as sqlitePlenaryItems,
	PLENARY_PHASES,
	QUESTION_TYPES,
	REPORT_FORMATS,
	ROLES,
	SECTORS,
	SERIES_EXPORT_FORMATS,
	type QuestionOption,
	type ThemeWord
} from './schema-sqlite.ts';

/*
 * The PostgreSQL twin of schema.ts: the same tables, SQL names, JS property names, keys, indexes and checks,
 * and the same JS value shapes, so one domain can run on either database. drizzle cannot share one schema
 * between dialects; tests/unit/schema-parity.test.ts fails when the two drift apart. Change both together.
 *
 * Mapping from the SQLite column kinds:
 * - ms timestamps (and sequence numbers) → bigint in 'number' mode: ms since the epoch are past 2^31;
 * - other integers (counts, positions, budgets) → integer;
 * - boolean-mode integers → boolean;
 * - JSON text → jsonb (see `jsonb` below for why it is a custom type);
 * - buffer blobs → bytea, read as a Buffer;
 * - text enums → text with the same value list, taken from schema.ts so the lists cannot drift;
 * - fractional-index keys → text with the "C" collation (see `sortKey`).
 */

/** ms since the epoch, as SQLite's `unixepoch('subsec') * 1000`; clock time, not the transaction's start. */
const nowMs = sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`;

/** A ms timestamp: bigint, read as a JS number (safe to 2^53, far beyond any date we store). */
const ms = (name: string) => bigint(name, { mode: 'number' });

const createdAt = () => ms('created_at').notNull().default(nowMs);

/**
 * jsonb whose value reaches the domain as node-postgres parsed it. drizzle's own `jsonb` parses strings a
 * second time, which turns a stored JSON string such as "42" into the number 42 (a poll's text answer is
 * a JSON string); this column writes JSON.stringify and reads the driver's value unchanged.
 */
const jsonb = customType<{ data: unknown; driverData: unknown }>({
	dataType: () => 'jsonb',
	toDriver: (value) => JSON.stringify(value),
	fromDriver: (value) => value
});

/** bytea read as a Buffer, like SQLite's `blob({ mode: 'buffer' })` (Yjs updates, report files). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});

/**
 * A fractional-index key (order_key, a poll question's position): fractional-indexing's base-62 digits
 * `0-9A-Za-z` sort by their bytes, as SQLite compares text. A database with a linguistic default collation
 * (most managed PostgreSQL: en_US.UTF-8, or ICU) sorts `a0` before `B1` and scrambles every board, so
 * these columns compare bytewise whatever the database's default.
 */
const sortKey = customType<{ data: string; driverData: string }>({
	dataType: () => 'text COLLATE "C"'
});

/** Sequence numbers (SQLite `integer primary key autoincrement`): an identity column that never reuses ids. */
const seq = () => bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role', { enum: ROLES }).notNull(),
	passwordHash: text('password_hash').notNull(),
	disabled: boolean('disabled').notNull().default(false),
	mustChangePassword: boolean('must_change_password').notNull().default(false),
	createdAt: createdAt()
});

export const regions = pgTable('regions', {
	id: text('id').primaryKey(),
	name: text('name').notNull().unique()
});

export const partnerships = pgTable('partnerships', {
	id: text('id').primaryKey(),
	name: text('name').notNull().unique()
});

export const partnershipSectors = pgTable(
	'partnership_sectors',
	{
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnerships.id, { onDelete: 'cascade' }),
		sector: text('sector', { enum: SECTORS }).notNull()
	},
	(t) => [primaryKey({ columns: [t.partnershipId, t.sector] })]
);

export const partnershipRegions = pgTable(
	'partnership_regions',
	{
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnerships.id, { onDelete: 'cascade' }),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.partnershipId, t.regionId] })]
);

export const series = pgTable('series', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	description: text('description'),
	archivedAt: ms('archived_at'),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

export const meetings = pgTable('meetings', {
	id: text('id').primaryKey(),
	seriesId: text('series_id').references(() => series.id, { onDelete: 'set null' }),
	title: text('title').notNull(),
	joinCode: text('join_code').notNull().unique(),
	status: text('status', { enum: MEETING_STATUSES }).notNull().default('open'),
	anonymous: boolean('anonymous').notNull().default(false),
	startsAt: ms('starts_at'),
	place: text('place'),
	introduction: text('introduction'),
	conclusions: text('conclusions'),
	nextSteps: text('next_steps'),
	pollClosedAt: ms('poll_closed_at'),
	currentQuestionId: text('current_question_id'),
	projectorTokenHash: text('projector_token_hash'),
	personalDataDeletedAt: ms('personal_data_deleted_at'),
	voteBudget: integer('vote_budget').notNull().default(3),
	votePerCardMax: integer('vote_per_card_max'),
	talliesLive: boolean('tallies_live').notNull().default(false),
	lateCards: boolean('late_cards').notNull().default(false),
	participantsChooseTable: boolean('participants_choose_table').notNull().default(true),
	plenaryPhase: text('plenary_phase', { enum: PLENARY_PHASES }).notNull().default('off'),
	plenaryBudget: integer('plenary_budget').notNull().default(3),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: createdAt()
});

export const meetingFacilitators = pgTable(
	'meeting_facilitators',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export const tables = pgTable(
	'tables',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		topic: text('topic'),
		description: text('description'),
		maxSize: integer('max_size'),
		position: integer('position').notNull().default(0),
		phase: text('phase', { enum: BOARD_PHASES }).notNull().default('collect'),
		phaseEndsAt: ms('phase_ends_at'),
		phaseSince: ms('phase_since'),
		createdAt: createdAt()
	},
	(t) => [index('tables_meeting_idx').on(t.meetingId)]
);

export const participants = pgTable(
	'participants',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tableId: text('table_id').references(() => tables.id, { onDelete: 'set null' }),
		displayName: text('display_name').notNull(),
		partnershipId: text('partnership_id').references(() => partnerships.id, { onDelete: 'set null' }),
		partnershipOther: text('partnership_other'),
		sector: text('sector', { enum: SECTORS }),
		regionId: text('region_id').references(() => regions.id, { onDelete: 'set null' }),
		invitationId: text('invitation_id'),
		createdAt: createdAt(),
		// PostgreSQL only (see PG_ONLY_COLUMNS): the order participants joined in.
		insertOrder: bigint('insert_order', { mode: 'number' }).generatedAlwaysAsIdentity()
	},
	(t) => [index('participants_meeting_idx').on(t.meetingId)]
);

export const themes = pgTable(
	'themes',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		color: text('color').notNull(),
		position: integer('position').notNull().default(0),
		description: text('description').notNull().default(''),
		words: jsonb('words').$type<ThemeWord[]>().notNull().default(sql`'[]'::jsonb`)
	},
	(t) => [index('themes_meeting_idx').on(t.meetingId)]
);

export const invitations = pgTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		name: text('name'),
		email: text('email'),
		partnershipId: text('partnership_id').references(() => partnerships.id, { onDelete: 'set null' }),
		partnershipName: text('partnership_name'),
		tokenHash: text('token_hash').notNull().unique(),
		participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('invitations_meeting_idx').on(t.meetingId)]
);

export const pollQuestions = pgTable(
	'poll_questions',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: sortKey('position').notNull(),
		type: text('type', { enum: QUESTION_TYPES }).notNull(),
		prompt: text('prompt').notNull(),
		help: text('help'),
		required: boolean('required').notNull().default(true),
		options: jsonb('options').$type<QuestionOption[]>().notNull().default(sql`'[]'::jsonb`),
		maxChoices: integer('max_choices'),
		scaleMin: integer('scale_min'),
		scaleMax: integer('scale_max'),
		scaleMinLabel: text('scale_min_label'),
		scaleMaxLabel: text('scale_max_label'),
		allowExplanation: boolean('allow_explanation').notNull().default(false),
		revealedAt: ms('revealed_at'),
		createdAt: createdAt(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [uniqueIndex('poll_questions_key_idx').on(t.meetingId, t.key)]
);

export const pollResponses = pgTable(
	'poll_responses',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		questionId: text('question_id')
			.notNull()
			.references(() => pollQuestions.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		value: jsonb('value').$type<string[] | number | string>().notNull(),
		explanation: text('explanation'),
		createdAt: createdAt(),
		updatedAt: ms('updated_at').notNull(),
		// PostgreSQL only (see PG_ONLY_COLUMNS): the order answers were given in.
		insertOrder: bigint('insert_order', { mode: 'number' }).generatedAlwaysAsIdentity()
	},
	(t) => [
		uniqueIndex('poll_responses_one_idx').on(t.questionId, t.participantId),
		index('poll_responses_meeting_idx').on(t.meetingId)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
		participantId: text('participant_id').references(() => participants.id, { onDelete: 'cascade' }),
		expiresAt: ms('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		check('sessions_one_owner', sql`(${t.userId} IS NULL) <> (${t.participantId} IS NULL)`),
		index('sessions_user_idx').on(t.userId),
		index('sessions_participant_idx').on(t.participantId)
	]
);

export const cards = pgTable(
	'cards',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		authorUserId: text('author_user_id').references(() => users.id, { onDelete: 'set null' }),
		authorParticipantId: text('author_participant_id').references(() => participants.id, {
			onDelete: 'set null'
		}),
		authorName: text('author_name'),
		text: text('text').notNull(),
		orderKey: sortKey('order_key').notNull(),
		themeId: text('theme_id').references(() => themes.id, { onDelete: 'set null' }),
		clusterId: text('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: ms('updated_at').notNull(),
		withdrawnAt: ms('withdrawn_at'),
		hiddenAt: ms('hidden_at'),
		hiddenReason: text('hidden_reason'),
		mergedIntoId: text('merged_into_id')
	},
	// (table, order key): a new card's key comes after the table's last one, an index seek instead of
	// sorting the table's cards at every add. merged_into_id: a card's merged texts, read at every
	// card write, without scanning every card of every meeting; partial, so the many cards merged into
	// nothing (every new one) cost the index nothing.
	(t) => [
		index('cards_table_order_idx').on(t.tableId, t.orderKey),
		index('cards_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`)
	]
);

export const clusters = pgTable(
	'clusters',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		themeId: text('theme_id').references(() => themes.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		orderKey: sortKey('order_key').notNull(),
		mergedIntoId: text('merged_into_id'),
		dissolvedAt: ms('dissolved_at'),
		createdAt: createdAt(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [index('clusters_table_idx').on(t.tableId)]
);

export const votes = pgTable(
	'votes',
	{
		cardId: text('card_id')
			.notNull()
			.references(() => cards.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		dots: integer('dots').notNull(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.cardId, t.participantId] }),
		index('votes_participant_idx').on(t.participantId, t.tableId),
		index('votes_table_idx').on(t.tableId),
		check('votes_positive', sql`${t.dots} > 0`)
	]
);

export const plenaryItems = pgTable(
	'plenary_items',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		sourceTableId: text('source_table_id').references(() => tables.id, { onDelete: 'set null' }),
		// schema.ts writes this list inline; read it from its column so it cannot drift.
		sourceKind: text('source_kind', { enum: sqlitePlenaryItems.sourceKind.enumValues }).notNull(),
		sourceId: text('source_id').notNull(),
		label: text('label').notNull(),
		cards: jsonb('cards').$type<Array<{ text: string; votes: number }>>().notNull(),
		tableVotes: integer('table_votes').notNull(),
		tableRank: integer('table_rank').notNull(),
		mergedIntoId: text('merged_into_id'),
		orderKey: sortKey('order_key').notNull(),
		createdAt: createdAt(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [index('plenary_items_meeting_idx').on(t.meetingId)]
);

export const plenaryVotes = pgTable(
	'plenary_votes',
	{
		itemId: text('item_id')
			.notNull()
			.references(() => plenaryItems.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		dots: integer('dots').notNull(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.itemId, t.participantId] }),
		index('plenary_votes_participant_idx').on(t.participantId),
		check('plenary_votes_positive', sql`${t.dots} > 0`)
	]
);

export const tableMessages = pgTable(
	'table_messages',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tableId: text('table_id').references(() => tables.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		createdAt: ms('created_at').notNull()
	},
	(t) => [index('table_messages_meeting_idx').on(t.meetingId, t.createdAt)]
);

export const reportExports = pgTable(
	'report_exports',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		userName: text('user_name').notNull(),
		format: text('format', { enum: REPORT_FORMATS }).notNull(),
		fileName: text('file_name').notNull(),
		final: boolean('final').notNull(),
		bytes: bytea('bytes').notNull(),
		contentHash: text('content_hash'),
		createdAt: ms('created_at').notNull()
	},
	(t) => [index('report_exports_meeting_idx').on(t.meetingId, t.createdAt)]
);

export const cardVersions = pgTable(
	'card_versions',
	{
		seq: seq(),
		commandSeq: bigint('command_seq', { mode: 'number' }).notNull(),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		data: jsonb('data').$type<Record<string, unknown>>().notNull()
	},
	(t) => [
		index('card_versions_table_idx').on(t.tableId, t.commandSeq),
		index('card_versions_card_idx').on(t.cardId, t.commandSeq)
	]
);

export const clusterVersions = pgTable(
	'cluster_versions',
	{
		seq: seq(),
		commandSeq: bigint('command_seq', { mode: 'number' }).notNull(),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		clusterId: text('cluster_id').notNull(),
		data: jsonb('data').$type<Record<string, unknown>>().notNull()
	},
	(t) => [
		index('cluster_versions_table_idx').on(t.tableId, t.commandSeq),
		index('cluster_versions_cluster_idx').on(t.clusterId, t.commandSeq)
	]
);

export const voteEvents = pgTable(
	'vote_events',
	{
		seq: seq(),
		commandSeq: bigint('command_seq', { mode: 'number' }).notNull(),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		participantId: text('participant_id').notNull(),
		delta: integer('delta').notNull()
	},
	(t) => [index('vote_events_table_idx').on(t.tableId, t.commandSeq)]
);

export const notices = pgTable(
	'notices',
	{
		id: text('id').primaryKey(),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		payload: jsonb('payload').$type<Record<string, string | number>>().notNull(),
		createdAt: ms('created_at').notNull()
	},
	(t) => [index('notices_participant_idx').on(t.participantId, t.createdAt)]
);

export const commandLog = pgTable(
	'command_log',
	{
		seq: seq(),
		commandId: text('command_id').notNull(),
		type: text('type').notNull(),
		meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
		// schema.ts writes this list inline; read it from its column so it cannot drift.
		actorKind: text('actor_kind', { enum: sqliteCommandLog.actorKind.enumValues }).notNull(),
		actorId: text('actor_id').notNull(),
		payload: jsonb('payload').notNull(),
		result: jsonb('result').notNull(),
		at: ms('at').notNull()
	},
	(t) => [
		uniqueIndex('command_log_command_idx').on(t.commandId),
		index('command_log_meeting_idx').on(t.meetingId)
	]
);

export const yjsDocuments = pgTable('yjs_documents', {
	room: text('room').primaryKey(),
	generation: integer('generation').notNull().default(1),
	updatedAt: ms('updated_at').notNull()
});

export const yjsUpdates = pgTable(
	'yjs_updates',
	{
		seq: seq(),
		room: text('room')
			.notNull()
			.references(() => yjsDocuments.room, { onDelete: 'cascade' }),
		data: bytea('data').notNull()
	},
	(t) => [index('yjs_updates_room_idx').on(t.room, t.seq)]
);

export const seriesExports = pgTable(
	'series_exports',
	{
		id: text('id').primaryKey(),
		seriesId: text('series_id').references(() => series.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		meetingIds: jsonb('meeting_ids').$type<string[]>().notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		userName: text('user_name').notNull(),
		format: text('format', { enum: SERIES_EXPORT_FORMATS }).notNull(),
		fileName: text('file_name').notNull(),
		bytes: bytea('bytes').notNull(),
		createdAt: ms('created_at').notNull()
	},
	(t) => [index('series_exports_created_idx').on(t.createdAt)]
);

/**
 * Columns only the PostgreSQL schema has; the schema parity test skips exactly these. SQLite numbers
 * every row in insertion order (its rowid), and the domain breaks ties between participants who joined,
 * or answers given, in the same millisecond by that order (ids are random): PostgreSQL has no such
 * number, so these two tables get one (db/dialect-sql.ts insertionOrder). The domain never reads it.
 */
export const PG_ONLY_COLUMNS = { participants: ['insert_order'], poll_responses: ['insert_order'] } as const;
