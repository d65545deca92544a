CREATE TABLE `ai_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`base_url` text NOT NULL,
	`model` text,
	`api_key_enc` text,
	`api_key_tail` text,
	`status` text DEFAULT 'untested' NOT NULL,
	`last_tested_at` integer,
	`last_error` text,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_providers_tenant_idx` ON `ai_providers` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_tenant_idx` ON `audit_log` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `campaign_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text,
	`user_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_events_campaign_idx` ON `campaign_events` (`campaign_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `campaign_links` (
	`token` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`message_id` integer NOT NULL,
	`url` text NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`first_clicked_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_links_message_idx` ON `campaign_links` (`message_id`);--> statement-breakpoint
CREATE TABLE `campaign_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`phone_e164` text NOT NULL,
	`contact_name` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`session_id` text,
	`attempt_id` text,
	`waha_message_id` text,
	`rendered_text` text,
	`queued_at` integer,
	`sending_at` integer,
	`sent_at` integer,
	`delivered_at` integer,
	`read_at` integer,
	`clicked_at` integer,
	`click_count` integer DEFAULT 0 NOT NULL,
	`replied_at` integer,
	`failed_at` integer,
	`error` text,
	`error_kind` text,
	`retry_count` integer DEFAULT 0 NOT NULL,
	`tried_sessions` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_messages_campaign_contact_unique` ON `campaign_messages` (`campaign_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `campaign_messages_campaign_status_idx` ON `campaign_messages` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `campaign_messages_waha_id_idx` ON `campaign_messages` (`waha_message_id`);--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_phone_idx` ON `campaign_messages` (`tenant_id`,`phone_e164`,`sent_at`);--> statement-breakpoint
CREATE INDEX `campaign_messages_status_sending_idx` ON `campaign_messages` (`status`,`sending_at`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`list_id` text,
	`texts` text NOT NULL,
	`media_key` text,
	`media_type` text,
	`session_ids` text NOT NULL,
	`min_delay_s` integer,
	`max_delay_s` integer,
	`max_per_minute` integer,
	`daily_cap` integer,
	`window` text,
	`simulate_typing` integer DEFAULT true NOT NULL,
	`link_tracking` integer DEFAULT false NOT NULL,
	`scheduled_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`paused_reason` text,
	`base_url` text,
	`dispatch_cursor` integer DEFAULT 0 NOT NULL,
	`dispatch_done` integer DEFAULT false NOT NULL,
	`total_count` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `campaigns_tenant_idx` ON `campaigns` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `campaigns_due_idx` ON `campaigns` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `contact_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'ready' NOT NULL,
	`source_key` text,
	`file_name` text,
	`file_size` integer,
	`encoding` text,
	`delimiter` text,
	`mapping` text,
	`cursor_byte` integer DEFAULT 0 NOT NULL,
	`cursor_line` integer DEFAULT 1 NOT NULL,
	`total_rows` integer DEFAULT 0 NOT NULL,
	`valid_count` integer DEFAULT 0 NOT NULL,
	`invalid_count` integer DEFAULT 0 NOT NULL,
	`duplicate_count` integer DEFAULT 0 NOT NULL,
	`suppressed_count` integer DEFAULT 0 NOT NULL,
	`landline_count` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_by` text,
	`import_finished_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_lists_tenant_idx` ON `contact_lists` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`list_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`phone_e164` text NOT NULL,
	`phone_kind` text DEFAULT 'mobile' NOT NULL,
	`wa_chat_id` text,
	`email` text,
	`company` text,
	`extra` text,
	`consent_source` text,
	`consent_at` integer,
	`source_line` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_list_phone_unique` ON `contacts` (`list_id`,`phone_e164`);--> statement-breakpoint
CREATE INDEX `contacts_tenant_phone_idx` ON `contacts` (`tenant_id`,`phone_e164`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`tenant_id` text,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_tenant_idx` ON `dead_letters` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `import_rows_rejected` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`list_id` text NOT NULL,
	`line_number` integer NOT NULL,
	`raw` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_rejects_list_line_unique` ON `import_rows_rejected` (`list_id`,`line_number`);--> statement-breakpoint
CREATE TABLE `instance` (
	`id` integer PRIMARY KEY NOT NULL,
	`setup_completed_at` integer
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `pending_acks` (
	`waha_message_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`ack` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`waha_message_id`, `ack`)
);
--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`phone_e164` text NOT NULL,
	`reason` text NOT NULL,
	`source` text,
	`note` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppressions_tenant_phone_unique` ON `suppressions` (`tenant_id`,`phone_e164`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`allow_international` integer DEFAULT false NOT NULL,
	`opt_out_reply` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`locale` text,
	`last_login_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_tenant_idx` ON `users` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `waha_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`display_name` text NOT NULL,
	`server_url` text NOT NULL,
	`api_key_enc` text,
	`api_key_tail` text,
	`session_name` text NOT NULL,
	`phone` text,
	`status` text DEFAULT 'STOPPED' NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`failover_enabled` integer DEFAULT true NOT NULL,
	`failover_priority` integer DEFAULT 1 NOT NULL,
	`max_per_minute` integer DEFAULT 10 NOT NULL,
	`min_delay_s` integer DEFAULT 30 NOT NULL,
	`max_delay_s` integer DEFAULT 60 NOT NULL,
	`daily_cap` integer DEFAULT 500 NOT NULL,
	`window_days` text DEFAULT '1,2,3,4,5,6' NOT NULL,
	`window_start_min` integer DEFAULT 480 NOT NULL,
	`window_end_min` integer DEFAULT 1200 NOT NULL,
	`media_mode` text DEFAULT 'url' NOT NULL,
	`webhook_secret_enc` text NOT NULL,
	`last_connected_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`paused_until` integer,
	`paused_reason` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `waha_sessions_tenant_idx` ON `waha_sessions` (`tenant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `waha_sessions_server_name_unique` ON `waha_sessions` (`tenant_id`,`server_url`,`session_name`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`session_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_events_received_idx` ON `webhook_events` (`received_at`);