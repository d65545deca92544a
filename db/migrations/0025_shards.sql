CREATE TABLE `machine_routes` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`tenant_id` text NOT NULL,
	PRIMARY KEY(`kind`, `key`)
);
--> statement-breakpoint
CREATE INDEX `machine_routes_tenant_idx` ON `machine_routes` (`tenant_id`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `shard` text DEFAULT 'DB' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `moving_to` text;--> statement-breakpoint
-- Hand-written (decision 043): every team so far lives in the `DB` binding; their sessions and tracked
-- links get their routes. On an empty shard these copy nothing.
INSERT OR IGNORE INTO `machine_routes` (`kind`, `key`, `tenant_id`) SELECT 'session', `id`, `tenant_id` FROM `waha_sessions`;--> statement-breakpoint
INSERT OR IGNORE INTO `machine_routes` (`kind`, `key`, `tenant_id`) SELECT 'link', `token`, `tenant_id` FROM `campaign_links`;
