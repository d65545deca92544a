CREATE TABLE `poll_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`message_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`options` text NOT NULL,
	`voted_at` integer NOT NULL,
	`event_key` text NOT NULL,
	`current` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `campaign_messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poll_votes_event_unique` ON `poll_votes` (`message_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `poll_votes_message_idx` ON `poll_votes` (`message_id`,`voted_at`);--> statement-breakpoint
CREATE INDEX `poll_votes_current_idx` ON `poll_votes` (`campaign_id`) WHERE "poll_votes"."current" = 1;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `poll` text;