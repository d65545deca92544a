-- The outbox's indexes, lean (decision 028, "Indexes"): every send writes its row four times, and each
-- index a write touches is more rows written. campaign_status_idx is a prefix of report_idx (dropped);
-- the others keep their columns but hold only the rows their queries can find (partial), so creating,
-- queueing and claiming a row leave most of them alone. Each query's plan was checked (EXPLAIN QUERY PLAN).
DROP INDEX `campaign_messages_campaign_status_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_waha_id_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_status_sending_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_reconcile_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_tenant_sent_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_tenant_replied_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_session_sent_idx`;--> statement-breakpoint
DROP INDEX `campaign_messages_session_sending_idx`;--> statement-breakpoint
CREATE INDEX `campaign_messages_resent_idx` ON `campaign_messages` (`queued_at`) WHERE "campaign_messages"."resent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_waha_id_idx` ON `campaign_messages` (`waha_message_id`) WHERE "campaign_messages"."waha_message_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_status_sending_idx` ON `campaign_messages` (`status`,`sending_at`) WHERE "campaign_messages"."status" IN ('sending', 'unknown');--> statement-breakpoint
CREATE INDEX `campaign_messages_reconcile_idx` ON `campaign_messages` (`reconcile_next_at`) WHERE "campaign_messages"."reconcile_next_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_sent_idx` ON `campaign_messages` (`tenant_id`,`sent_at`) WHERE "campaign_messages"."sent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_tenant_replied_idx` ON `campaign_messages` (`tenant_id`,`replied_at`) WHERE "campaign_messages"."replied_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_session_sent_idx` ON `campaign_messages` (`session_id`,`sent_at`) WHERE "campaign_messages"."sent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `campaign_messages_session_sending_idx` ON `campaign_messages` (`session_id`,`sending_at`) WHERE "campaign_messages"."sending_at" IS NOT NULL;