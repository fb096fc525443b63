import { sql } from 'drizzle-orm';
import {
	blob,
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

// Timestamps are milliseconds since the epoch (integer), shown in Europe/Amsterdam by the UI.
const createdAt = () =>
	integer('created_at', { mode: 'number' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const ROLES = ['admin', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

export const SECTORS = ['po', 'vo', 'mbo'] as const;
export type Sector = (typeof SECTORS)[number];

export const MEETING_STATUSES = ['draft', 'open', 'live', 'closed', 'archived'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const BOARD_PHASES = ['collect', 'cluster', 'vote', 'discuss', 'done'] as const;
export type BoardPhase = (typeof BOARD_PHASES)[number];

/** The plenary round: off until the facilitator sends the tables' top items; then group, vote, done. */
export const PLENARY_PHASES = ['off', 'cluster', 'vote', 'done'] as const;
export type PlenaryPhase = (typeof PLENARY_PHASES)[number];

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role', { enum: ROLES }).notNull(),
	passwordHash: text('password_hash').notNull(),
	disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
	mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

export const regions = sqliteTable('regions', {
	id: text('id').primaryKey(),
	name: text('name').notNull().unique()
});

export const partnerships = sqliteTable('partnerships', {
	id: text('id').primaryKey(),
	name: text('name').notNull().unique()
});

export const partnershipSectors = sqliteTable(
	'partnership_sectors',
	{
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnerships.id, { onDelete: 'cascade' }),
		sector: text('sector', { enum: SECTORS }).notNull()
	},
	(t) => [primaryKey({ columns: [t.partnershipId, t.sector] })]
);

export const partnershipRegions = sqliteTable(
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

export const series = sqliteTable('series', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	description: text('description'),
	archivedAt: integer('archived_at', { mode: 'number' }),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

export const meetings = sqliteTable('meetings', {
	id: text('id').primaryKey(),
	seriesId: text('series_id').references(() => series.id, { onDelete: 'set null' }),
	title: text('title').notNull(),
	joinCode: text('join_code').notNull().unique(),
	status: text('status', { enum: MEETING_STATUSES }).notNull().default('open'),
	anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
	/** Start, ms since the epoch; shown in Europe/Amsterdam. */
	startsAt: integer('starts_at', { mode: 'number' }),
	place: text('place'),
	/** Markdown, rendered escaped. */
	introduction: text('introduction'),
	/** The report's closing sections, Markdown written by the facilitator. */
	conclusions: text('conclusions'),
	nextSteps: text('next_steps'),
	/** Set when the facilitator closes the poll before the meeting closes. */
	pollClosedAt: integer('poll_closed_at', { mode: 'number' }),
	/** The poll question the projector shows now. */
	currentQuestionId: text('current_question_id'),
	/** SHA-256 of the read-only projector link's token. */
	projectorTokenHash: text('projector_token_hash'),
	/** When names and links were removed (answers kept anonymously). */
	personalDataDeletedAt: integer('personal_data_deleted_at', { mode: 'number' }),
	/** Dots each participant may cast at their table. */
	voteBudget: integer('vote_budget').notNull().default(3),
	/** At most this many of one person's dots on one card (null: no cap). */
	votePerCardMax: integer('vote_per_card_max'),
	/** Tallies reach participants during the vote (true) or only once it is over (false). */
	talliesLive: integer('tallies_live', { mode: 'boolean' }).notNull().default(false),
	/** Cards may still be added after the collect phase. */
	lateCards: integer('late_cards', { mode: 'boolean' }).notNull().default(false),
	/** Participants may choose their own table (else the facilitator assigns). */
	participantsChooseTable: integer('participants_choose_table', { mode: 'boolean' })
		.notNull()
		.default(true),
	plenaryPhase: text('plenary_phase', { enum: PLENARY_PHASES }).notNull().default('off'),
	/** Dots each participant gets for the plenary round (a fresh budget). */
	plenaryBudget: integer('plenary_budget').notNull().default(3),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: createdAt()
});

export const meetingFacilitators = sqliteTable(
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

export const tables = sqliteTable(
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
		/** End of the phase's countdown (server time, ms), if any. */
		phaseEndsAt: integer('phase_ends_at', { mode: 'number' }),
		/** When the table entered its phase (server time, ms): messages sent before belong to an earlier phase. */
		phaseSince: integer('phase_since', { mode: 'number' }),
		createdAt: createdAt()
	},
	(t) => [index('tables_meeting_idx').on(t.meetingId)]
);

export const participants = sqliteTable(
	'participants',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tableId: text('table_id').references(() => tables.id, { onDelete: 'set null' }),
		displayName: text('display_name').notNull(),
		partnershipId: text('partnership_id').references(() => partnerships.id, {
			onDelete: 'set null'
		}),
		/** Free text when the partnership is not in the register ("other"). */
		partnershipOther: text('partnership_other'),
		sector: text('sector', { enum: SECTORS }),
		regionId: text('region_id').references(() => regions.id, { onDelete: 'set null' }),
		/** The personal invitation this participant came in with, if any. */
		invitationId: text('invitation_id'),
		createdAt: createdAt()
	},
	(t) => [index('participants_meeting_idx').on(t.meetingId)]
);

/** One word of a theme's lexicon; weak words are so common in this field that they decide little. */
export interface ThemeWord {
	term: string;
	weak?: boolean;
}

// The meeting's themes for clustering (defaults Governance, Financiën, Kwaliteit).
export const themes = sqliteTable(
	'themes',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		color: text('color').notNull(),
		position: integer('position').notNull().default(0),
		// What the theme is about and its words, from which theme suggestions are made (themes/).
		description: text('description').notNull().default(''),
		words: text('words', { mode: 'json' }).$type<ThemeWord[]>().notNull().default(sql`'[]'`)
	},
	(t) => [index('themes_meeting_idx').on(t.meetingId)]
);

// Personal invite links from an uploaded list; only the token's hash is stored.
export const invitations = sqliteTable(
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

export const QUESTION_TYPES = ['single', 'multiple', 'ranking', 'scale', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionOption {
	/** Stable within the question: answers refer to it, labels may change. */
	id: string;
	label: string;
}

// One poll per meeting: its questions, ordered by a fractional `position`.
export const pollQuestions = sqliteTable(
	'poll_questions',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		/** Stable across meetings (e.g. `regie-kwaliteit`), so a series can compare the same question. */
		key: text('key').notNull(),
		position: text('position').notNull(),
		type: text('type', { enum: QUESTION_TYPES }).notNull(),
		prompt: text('prompt').notNull(),
		help: text('help'),
		required: integer('required', { mode: 'boolean' }).notNull().default(true),
		options: text('options', { mode: 'json' }).$type<QuestionOption[]>().notNull().default(sql`'[]'`),
		maxChoices: integer('max_choices'),
		scaleMin: integer('scale_min'),
		scaleMax: integer('scale_max'),
		scaleMinLabel: text('scale_min_label'),
		scaleMaxLabel: text('scale_max_label'),
		/** Offer a free-text explanation (toelichting) beside a choice. */
		allowExplanation: integer('allow_explanation', { mode: 'boolean' }).notNull().default(false),
		/** Results visible to participants (through meeting:<id>). */
		revealedAt: integer('revealed_at', { mode: 'number' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [uniqueIndex('poll_questions_key_idx').on(t.meetingId, t.key)]
);

// One response per participant per question (upserted on change).
export const pollResponses = sqliteTable(
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
		/** Option ids (single: one; multiple: several; ranking: in rank order), a number, or text. */
		value: text('value', { mode: 'json' }).$type<string[] | number | string>().notNull(),
		explanation: text('explanation'),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [
		uniqueIndex('poll_responses_one_idx').on(t.questionId, t.participantId),
		index('poll_responses_meeting_idx').on(t.meetingId)
	]
);

// An auth session belongs to exactly one user or one participant (a guest bound to one meeting).
export const sessions = sqliteTable(
	'sessions',
	{
		// SHA-256 of the token, hex: the token itself is never stored.
		id: text('id').primaryKey(),
		userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
		participantId: text('participant_id').references(() => participants.id, {
			onDelete: 'cascade'
		}),
		expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		check(
			'sessions_one_owner',
			sql`(${t.userId} IS NULL) <> (${t.participantId} IS NULL)`
		),
		index('sessions_user_idx').on(t.userId),
		index('sessions_participant_idx').on(t.participantId)
	]
);

export const cards = sqliteTable(
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
		// Fractional index: ordering never depends on array positions in the doc.
		orderKey: text('order_key').notNull(),
		themeId: text('theme_id').references(() => themes.id, { onDelete: 'set null' }),
		clusterId: text('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
		withdrawnAt: integer('withdrawn_at', { mode: 'number' }),
		/** Hidden by a facilitator: off the board, kept with its reason for facilitators. */
		hiddenAt: integer('hidden_at', { mode: 'number' }),
		hiddenReason: text('hidden_reason'),
		/** Merged as a duplicate into another card, which now shows this card's text and author too. */
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

// A named group of similar cards inside a theme, at one table.
export const clusters = sqliteTable(
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
		orderKey: text('order_key').notNull(),
		/** Merged into another cluster (its cards moved there); kept for the history. */
		mergedIntoId: text('merged_into_id'),
		/** Undone (its cards stay in the theme, loose); kept for the history. */
		dissolvedAt: integer('dissolved_at', { mode: 'number' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [index('clusters_table_idx').on(t.tableId)]
);

// Dot votes: one row per voter and card, holding how many of the voter's dots sit on it.
export const votes = sqliteTable(
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
		updatedAt: integer('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.cardId, t.participantId] }),
		index('votes_participant_idx').on(t.participantId, t.tableId),
		index('votes_table_idx').on(t.tableId),
		check('votes_positive', sql`${t.dots} > 0`)
	]
);

// The plenary round: each table's top items, copied when the facilitator starts the round (so later
// changes at a table do not move them), voted on again by the whole room.
export const plenaryItems = sqliteTable(
	'plenary_items',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		sourceTableId: text('source_table_id').references(() => tables.id, { onDelete: 'set null' }),
		sourceKind: text('source_kind', { enum: ['card', 'cluster'] }).notNull(),
		sourceId: text('source_id').notNull(),
		label: text('label').notNull(),
		/** The cards it stands for, with their votes at the table. */
		cards: text('cards', { mode: 'json' }).$type<Array<{ text: string; votes: number }>>().notNull(),
		tableVotes: integer('table_votes').notNull(),
		tableRank: integer('table_rank').notNull(),
		/** Grouped under another item in the plenary (its votes count there). */
		mergedIntoId: text('merged_into_id'),
		orderKey: text('order_key').notNull(),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [index('plenary_items_meeting_idx').on(t.meetingId)]
);

export const plenaryVotes = sqliteTable(
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
		updatedAt: integer('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.itemId, t.participantId] }),
		index('plenary_votes_participant_idx').on(t.participantId),
		check('plenary_votes_positive', sql`${t.dots} > 0`)
	]
);

// Short messages from the facilitator to one table or all (tableId null).
export const tableMessages = sqliteTable(
	'table_messages',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tableId: text('table_id').references(() => tables.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		createdAt: integer('created_at', { mode: 'number' }).notNull()
	},
	(t) => [index('table_messages_meeting_idx').on(t.meetingId, t.createdAt)]
);

// Every report download is kept: who made it, when, in which format, and the file itself.
export const REPORT_FORMATS = ['pdf', 'docx', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportExports = sqliteTable(
	'report_exports',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Kept apart from the user row, so the history still says who after an account is removed. */
		userName: text('user_name').notNull(),
		format: text('format', { enum: REPORT_FORMATS }).notNull(),
		fileName: text('file_name').notNull(),
		/** Made after the meeting closed: the final report. */
		final: integer('final', { mode: 'boolean' }).notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		/**
		 * SHA-256 of what the file was made from (report model, format, language, name): a download
		 * with the same hash as the latest stored one is that file again, not a new copy to keep.
		 */
		contentHash: text('content_hash'),
		createdAt: integer('created_at', { mode: 'number' }).notNull()
	},
	(t) => [index('report_exports_meeting_idx').on(t.meetingId, t.createdAt)]
);

// The board's history: every command that changed a card or cluster stores its new version here, and
// every change of dots an event, so a board can be shown and restored as it was at an earlier moment
// and a command undone. `commandSeq` is the command log's seq.
export const cardVersions = sqliteTable(
	'card_versions',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		commandSeq: integer('command_seq').notNull(),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull()
	},
	(t) => [
		index('card_versions_table_idx').on(t.tableId, t.commandSeq),
		index('card_versions_card_idx').on(t.cardId, t.commandSeq)
	]
);

export const clusterVersions = sqliteTable(
	'cluster_versions',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		commandSeq: integer('command_seq').notNull(),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		clusterId: text('cluster_id').notNull(),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull()
	},
	(t) => [
		index('cluster_versions_table_idx').on(t.tableId, t.commandSeq),
		index('cluster_versions_cluster_idx').on(t.clusterId, t.commandSeq)
	]
);

export const voteEvents = sqliteTable(
	'vote_events',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		commandSeq: integer('command_seq').notNull(),
		tableId: text('table_id')
			.notNull()
			.references(() => tables.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		participantId: text('participant_id').notNull(),
		delta: integer('delta').notNull()
	},
	(t) => [index('vote_events_table_idx').on(t.tableId, t.commandSeq)]
);

// What a participant should hear about (a card hidden, dots given back); shown through participant:<id>.
export const notices = sqliteTable(
	'notices',
	{
		id: text('id').primaryKey(),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		payload: text('payload', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
		createdAt: integer('created_at', { mode: 'number' }).notNull()
	},
	(t) => [index('notices_participant_idx').on(t.participantId, t.createdAt)]
);

// Replayable events: every accepted command, with the change it made. command_id makes retries idempotent.
export const commandLog = sqliteTable(
	'command_log',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		commandId: text('command_id').notNull(),
		type: text('type').notNull(),
		meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
		actorKind: text('actor_kind', { enum: ['user', 'participant'] }).notNull(),
		actorId: text('actor_id').notNull(),
		payload: text('payload', { mode: 'json' }).notNull(),
		result: text('result', { mode: 'json' }).notNull(),
		at: integer('at', { mode: 'number' }).notNull()
	},
	(t) => [
		uniqueIndex('command_log_command_idx').on(t.commandId),
		index('command_log_meeting_idx').on(t.meetingId)
	]
);

// Persisted Yjs state of each room: a generation per document and an append-only list of updates,
// compacted into one snapshot row past a threshold.
export const yjsDocuments = sqliteTable('yjs_documents', {
	room: text('room').primaryKey(),
	// Changes when the server's doc is replaced (backup restored); clients then start a new Y.Doc.
	generation: integer('generation').notNull().default(1),
	updatedAt: integer('updated_at', { mode: 'number' }).notNull()
});

export const yjsUpdates = sqliteTable(
	'yjs_updates',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		room: text('room')
			.notNull()
			.references(() => yjsDocuments.room, { onDelete: 'cascade' }),
		data: blob('data', { mode: 'buffer' }).notNull()
	},
	(t) => [index('yjs_updates_room_idx').on(t.room, t.seq)]
);

// Every series-summary download is kept like the meeting reports: who, when, which format, what was
// summarised (a series, or a hand-picked set of meetings) and the file itself. Admins only.
export const SERIES_EXPORT_FORMATS = ['pdf', 'docx', 'md', 'csv', 'xlsx'] as const;
export type SeriesExportFormat = (typeof SERIES_EXPORT_FORMATS)[number];

export const seriesExports = sqliteTable(
	'series_exports',
	{
		id: text('id').primaryKey(),
		/** null: a hand-picked set of meetings (or a series since removed). */
		seriesId: text('series_id').references(() => series.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		meetingIds: text('meeting_ids', { mode: 'json' }).$type<string[]>().notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		userName: text('user_name').notNull(),
		format: text('format', { enum: SERIES_EXPORT_FORMATS }).notNull(),
		fileName: text('file_name').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'number' }).notNull()
	},
	(t) => [index('series_exports_created_idx').on(t.createdAt)]
);
