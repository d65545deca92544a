ALTER TABLE `tenants` ADD `person_gap_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `first_connected_at` integer;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `warmup_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `warmup_start_cap` integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `warmup_days` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `package_min` integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `package_max` integer DEFAULT 40 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `rest_min_min` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `rest_max_min` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `first_contact_daily_budget` integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `package_min` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `package_max` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `rest_min_min` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `rest_max_min` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `area_code_affinity` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_session_sent_idx` ON `campaign_messages` (`session_id`,`sent_at`);--> statement-breakpoint
-- Numbers already in use keep their age: the warm-up plan counts from their first known connection.
UPDATE `waha_sessions` SET `first_connected_at` = COALESCE(`last_connected_at`, `created_at`) WHERE `first_connected_at` IS NULL;
