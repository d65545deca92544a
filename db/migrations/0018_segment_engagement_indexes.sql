DROP INDEX `campaign_messages_tenant_sent_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_tenant_replied_idx`;--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_sent_idx` ON `campaign_messages` (`tenant_id`,`sent_at`,`phone_e164`) WHERE "campaign_messages"."sent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_replied_idx` ON `campaign_messages` (`tenant_id`,`replied_at`,`phone_e164`) WHERE "campaign_messages"."replied_at" IS NOT NULL;