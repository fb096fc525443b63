CREATE TABLE `series_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`series_id` text,
	`title` text NOT NULL,
	`meeting_ids` text NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `series_exports_created_idx` ON `series_exports` (`created_at`);