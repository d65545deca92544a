ALTER TABLE `campaign_messages` ADD `reconcile_next_at` integer;--> statement-breakpoint
ALTER TABLE `campaign_messages` ADD `reconcile_checks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaign_messages` ADD `reconciled` text;--> statement-breakpoint
ALTER TABLE `campaign_messages` ADD `resent_at` integer;--> statement-breakpoint
CREATE INDEX `campaign_messages_reconcile_idx` ON `campaign_messages` (`status`,`reconcile_next_at`);