CREATE TABLE `card_versions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`command_seq` integer NOT NULL,
	`table_id` text NOT NULL,
	`card_id` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `card_versions_table_idx` ON `card_versions` (`table_id`,`command_seq`);--> statement-breakpoint
CREATE INDEX `card_versions_card_idx` ON `card_versions` (`card_id`,`command_seq`);--> statement-breakpoint
CREATE TABLE `cluster_versions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`command_seq` integer NOT NULL,
	`table_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cluster_versions_table_idx` ON `cluster_versions` (`table_id`,`command_seq`);--> statement-breakpoint
CREATE INDEX `cluster_versions_cluster_idx` ON `cluster_versions` (`cluster_id`,`command_seq`);--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`table_id` text NOT NULL,
	`theme_id` text,
	`name` text NOT NULL,
	`order_key` text NOT NULL,
	`merged_into_id` text,
	`dissolved_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `clusters_table_idx` ON `clusters` (`table_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notices_participant_idx` ON `notices` (`participant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `vote_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`command_seq` integer NOT NULL,
	`table_id` text NOT NULL,
	`card_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`delta` integer NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vote_events_table_idx` ON `vote_events` (`table_id`,`command_seq`);--> statement-breakpoint
CREATE TABLE `votes` (
	`card_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`table_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`dots` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`card_id`, `participant_id`),
	FOREIGN KEY (`card_id`) REFERENCES `cards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "votes_positive" CHECK("votes"."dots" > 0)
);
--> statement-breakpoint
CREATE INDEX `votes_participant_idx` ON `votes` (`participant_id`,`table_id`);--> statement-breakpoint
CREATE INDEX `votes_table_idx` ON `votes` (`table_id`);--> statement-breakpoint
ALTER TABLE `cards` ADD `theme_id` text REFERENCES themes(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `cards` ADD `cluster_id` text REFERENCES clusters(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `cards` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `cards` ADD `hidden_reason` text;--> statement-breakpoint
ALTER TABLE `cards` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `vote_budget` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `vote_per_card_max` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `tallies_live` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `late_cards` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `participants_choose_table` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `tables` ADD `phase` text DEFAULT 'collect' NOT NULL;--> statement-breakpoint
ALTER TABLE `tables` ADD `phase_ends_at` integer;