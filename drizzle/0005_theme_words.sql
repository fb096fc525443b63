ALTER TABLE `themes` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `themes` ADD `words` text DEFAULT '[]' NOT NULL;