ALTER TABLE `waha_sessions` ADD `webhook_events_version` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
-- Every session registered before this migration has the event list from before poll votes (version 1):
-- its page offers to update the webhook on WAHA (decision 038). Hand-written: drizzle-kit does not
-- generate data updates.
UPDATE `waha_sessions` SET `webhook_events_version` = 1;
