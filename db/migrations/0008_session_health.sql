CREATE TABLE `session_events` (
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL,
	`detail` text,
	`user_id` text,
	PRIMARY KEY(`session_id`, `kind`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `waha_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_events_session_at_idx` ON `session_events` (`session_id`,`kind`,`at`);--> statement-breakpoint
CREATE TABLE `session_health` (
	`session_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`state` text DEFAULT 'saudavel' NOT NULL,
	`score` integer DEFAULT 100 NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`state_since` integer NOT NULL,
	`evidence_since` integer,
	`paused_until` integer,
	`ramp_started_at` integer,
	`evaluated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `waha_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `session_health_hours` (
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`hour_start` integer NOT NULL,
	`computed_at` integer NOT NULL,
	`score` integer NOT NULL,
	`state` text NOT NULL,
	`counts` text NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`session_id`, `hour_start`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `waha_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_messages_session_sending_idx` ON `campaign_messages` (`session_id`,`sending_at`);