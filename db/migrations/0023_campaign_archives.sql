CREATE TABLE `archive_erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`phone_e164` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `archive_erasures_tenant_idx` ON `archive_erasures` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `campaign_archives` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`state` text NOT NULL,
	`schema_version` integer NOT NULL,
	`counts` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`totals` text NOT NULL,
	`rows_at` integer NOT NULL,
	`phones_bloom` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_archives_tenant_idx` ON `campaign_archives` (`tenant_id`,`state`);