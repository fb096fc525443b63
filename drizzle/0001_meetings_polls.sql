CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`name` text,
	`email` text,
	`partnership_id` text,
	`partnership_name` text,
	`token_hash` text NOT NULL,
	`participant_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_meeting_idx` ON `invitations` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `poll_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`key` text NOT NULL,
	`position` text NOT NULL,
	`type` text NOT NULL,
	`prompt` text NOT NULL,
	`help` text,
	`required` integer DEFAULT true NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`max_choices` integer,
	`scale_min` integer,
	`scale_max` integer,
	`scale_min_label` text,
	`scale_max_label` text,
	`allow_explanation` integer DEFAULT false NOT NULL,
	`revealed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poll_questions_key_idx` ON `poll_questions` (`meeting_id`,`key`);--> statement-breakpoint
CREATE TABLE `poll_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`question_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`value` text NOT NULL,
	`explanation` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `poll_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poll_responses_one_idx` ON `poll_responses` (`question_id`,`participant_id`);--> statement-breakpoint
CREATE INDEX `poll_responses_meeting_idx` ON `poll_responses` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`name` text NOT NULL,
	`color` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `themes_meeting_idx` ON `themes` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `starts_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `place` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `introduction` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `poll_closed_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `current_question_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `projector_token_hash` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `personal_data_deleted_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `partnership_other` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `region_id` text REFERENCES regions(id);--> statement-breakpoint
ALTER TABLE `participants` ADD `invitation_id` text;--> statement-breakpoint
ALTER TABLE `series` ADD `description` text;--> statement-breakpoint
ALTER TABLE `series` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `tables` ADD `description` text;--> statement-breakpoint
ALTER TABLE `tables` ADD `max_size` integer;