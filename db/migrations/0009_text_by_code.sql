-- Texts by code (decision 025): stored failure reasons, import rejects, pauses and last errors keep
-- their message code and JSON params next to the pt-BR sentence, which older rows alone have.
ALTER TABLE `ai_providers` ADD `last_error_code` text;--> statement-breakpoint
ALTER TABLE `ai_providers` ADD `last_error_params` text;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `last_error_code` text;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `last_error_params` text;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `paused_code` text;--> statement-breakpoint
ALTER TABLE `waha_sessions` ADD `paused_params` text;--> statement-breakpoint
ALTER TABLE `contact_lists` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `contact_lists` ADD `error_params` text;--> statement-breakpoint
ALTER TABLE `import_rows_rejected` ADD `reason_code` text;--> statement-breakpoint
ALTER TABLE `import_rows_rejected` ADD `reason_params` text;--> statement-breakpoint
ALTER TABLE `campaign_messages` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `campaign_messages` ADD `error_params` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `paused_code` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `paused_params` text;