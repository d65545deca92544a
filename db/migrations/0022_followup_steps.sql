ALTER TABLE `campaign_messages` ADD `step` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_messages_campaign_contact_step_unique` ON `campaign_messages` (`campaign_id`,`contact_id`,`step`);--> statement-breakpoint
DROP INDEX `campaign_messages_campaign_contact_unique`;--> statement-breakpoint
CREATE INDEX `campaign_messages_step_idx` ON `campaign_messages` (`campaign_id`,`step`,`status`) WHERE "campaign_messages"."step" <> 0;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `steps` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `confirmation` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `steps_created` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `step_cursor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `next_step_at` integer;
