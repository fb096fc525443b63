DROP INDEX `cards_table_idx`;--> statement-breakpoint
CREATE INDEX `cards_table_order_idx` ON `cards` (`table_id`,`order_key`);--> statement-breakpoint
CREATE INDEX `cards_merged_into_idx` ON `cards` (`merged_into_id`) WHERE "cards"."merged_into_id" is not null;