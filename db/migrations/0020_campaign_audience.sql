CREATE TABLE `campaign_audience` (
	`campaign_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `person_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `audience` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `audience_frozen_at` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `audience_segments` text;