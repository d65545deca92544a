ALTER TABLE `campaigns` ADD `media_kind` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `media_name` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `link_preview` integer DEFAULT false NOT NULL;