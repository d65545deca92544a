CREATE TABLE `id_blocks` (
	`shard` text PRIMARY KEY NOT NULL,
	`block` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `id_blocks_block_unique` ON `id_blocks` (`block`);--> statement-breakpoint
CREATE TABLE `team_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`source` text NOT NULL,
	`target` text NOT NULL,
	`step` text NOT NULL,
	`state` text DEFAULT '{}' NOT NULL,
	`paused_campaigns` text DEFAULT '[]' NOT NULL,
	`error` text,
	`lease_until` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_moves_one_open_per_team` ON `team_moves` (`tenant_id`) WHERE finished_at IS NULL;--> statement-breakpoint
CREATE INDEX `team_moves_open_idx` ON `team_moves` (`finished_at`);