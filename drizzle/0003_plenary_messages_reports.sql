CREATE TABLE `plenary_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`source_table_id` text,
	`source_kind` text NOT NULL,
	`source_id` text NOT NULL,
	`label` text NOT NULL,
	`cards` text NOT NULL,
	`table_votes` integer NOT NULL,
	`table_rank` integer NOT NULL,
	`merged_into_id` text,
	`order_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `plenary_items_meeting_idx` ON `plenary_items` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `plenary_votes` (
	`item_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`dots` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `participant_id`),
	FOREIGN KEY (`item_id`) REFERENCES `plenary_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "plenary_votes_positive" CHECK("plenary_votes"."dots" > 0)
);
--> statement-breakpoint
CREATE INDEX `plenary_votes_participant_idx` ON `plenary_votes` (`participant_id`);--> statement-breakpoint
CREATE TABLE `report_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`final` integer NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_exports_meeting_idx` ON `report_exports` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `table_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`table_id` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `table_messages_meeting_idx` ON `table_messages` (`meeting_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `conclusions` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `next_steps` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `plenary_phase` text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `plenary_budget` integer DEFAULT 3 NOT NULL;