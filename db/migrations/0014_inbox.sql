CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`phone_e164` text NOT NULL,
	`chat_id` text NOT NULL,
	`contact_name` text,
	`session_id` text NOT NULL,
	`unread` integer DEFAULT 0 NOT NULL,
	`last_inbound_at` integer NOT NULL,
	`last_body` text DEFAULT '' NOT NULL,
	`handled_at` integer,
	`handled_by` text,
	`assigned_to` text,
	`last_answered_at` integer,
	`last_answered_by` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_phone_unique` ON `conversations` (`tenant_id`,`phone_e164`);--> statement-breakpoint
CREATE INDEX `conversations_recent_idx` ON `conversations` (`tenant_id`,`last_inbound_at`);--> statement-breakpoint
CREATE INDEX `conversations_unread_idx` ON `conversations` (`tenant_id`,`unread`);--> statement-breakpoint
CREATE TABLE `inbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`phone_e164` text NOT NULL,
	`chat_id` text NOT NULL,
	`contact_name` text,
	`campaign_message_id` integer,
	`campaign_id` text,
	`waha_message_id` text NOT NULL,
	`message_key` text NOT NULL,
	`type` text DEFAULT 'text' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`truncated` integer DEFAULT false NOT NULL,
	`media` text,
	`original_body` text,
	`received_at` integer NOT NULL,
	`edited_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_messages_waha_unique` ON `inbound_messages` (`tenant_id`,`waha_message_id`);--> statement-breakpoint
CREATE INDEX `inbound_messages_phone_idx` ON `inbound_messages` (`tenant_id`,`phone_e164`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_messages_key_idx` ON `inbound_messages` (`tenant_id`,`message_key`);--> statement-breakpoint
CREATE TABLE `inbox_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` integer NOT NULL,
	`phone_e164` text NOT NULL,
	`session_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'sending' NOT NULL,
	`waha_message_id` text,
	`error_code` text,
	`sent_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_answers_key_unique` ON `inbox_answers` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `inbox_answers_conversation_idx` ON `inbox_answers` (`tenant_id`,`conversation_id`,`created_at`);