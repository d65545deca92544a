CREATE INDEX `campaign_messages_report_idx` ON `campaign_messages` (`campaign_id`,`status`,`session_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_sent_idx` ON `campaign_messages` (`tenant_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_replied_idx` ON `campaign_messages` (`tenant_id`,`replied_at`);