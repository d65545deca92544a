-- Possible opt-outs (decision 031): replies that may ask to stop but not plainly, for a person to confirm.
CREATE TABLE `possible_opt_outs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`phone_e164` text NOT NULL,
	`waha_message_id` text NOT NULL,
	`session_id` text,
	`message_id` integer,
	`body` text NOT NULL,
	`rule` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`received_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `possible_opt_outs_message_unique` ON `possible_opt_outs` (`tenant_id`,`waha_message_id`);--> statement-breakpoint
CREATE INDEX `possible_opt_outs_pending_idx` ON `possible_opt_outs` (`tenant_id`,`status`,`received_at`);