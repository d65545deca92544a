CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`phone_e164` text NOT NULL,
	`phone_kind` text DEFAULT 'mobile' NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text,
	`company` text,
	`fields` text,
	`consent_source` text,
	`consent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_tenant_phone_unique` ON `people` (`tenant_id`,`phone_e164`);--> statement-breakpoint
CREATE TABLE `person_tags` (
	`tenant_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`person_id`, `tag_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_tags_tag_idx` ON `person_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_tenant_key_unique` ON `tags` (`tenant_id`,`name_key`);--> statement-breakpoint
-- Decision 036: one person per phone per team. Existing list rows become memberships of a person
-- built from all of that phone's rows: per field the newest non-empty value (by created_at, then id),
-- extra columns merged key by key the same way. A temporary index groups the old rows by phone.
CREATE INDEX `contacts_migrate_0016_idx` ON `contacts` (`tenant_id`,`phone_e164`,`created_at`,`id`);--> statement-breakpoint
INSERT INTO `people` (`tenant_id`, `phone_e164`, `phone_kind`, `name`, `email`, `company`, `consent_source`, `consent_at`, `created_at`, `updated_at`)
SELECT g.`tenant_id`, g.`phone_e164`,
  (SELECT c.`phone_kind` FROM `contacts` c WHERE c.`tenant_id` = g.`tenant_id` AND c.`phone_e164` = g.`phone_e164`
    ORDER BY c.`created_at` DESC, c.`id` DESC LIMIT 1),
  coalesce((SELECT c.`name` FROM `contacts` c WHERE c.`tenant_id` = g.`tenant_id` AND c.`phone_e164` = g.`phone_e164`
    AND trim(c.`name`) <> '' ORDER BY c.`created_at` DESC, c.`id` DESC LIMIT 1), ''),
  (SELECT c.`email` FROM `contacts` c WHERE c.`tenant_id` = g.`tenant_id` AND c.`phone_e164` = g.`phone_e164`
    AND trim(coalesce(c.`email`, '')) <> '' ORDER BY c.`created_at` DESC, c.`id` DESC LIMIT 1),
  (SELECT c.`company` FROM `contacts` c WHERE c.`tenant_id` = g.`tenant_id` AND c.`phone_e164` = g.`phone_e164`
    AND trim(coalesce(c.`company`, '')) <> '' ORDER BY c.`created_at` DESC, c.`id` DESC LIMIT 1),
  (SELECT c.`consent_source` FROM `contacts` c WHERE c.`tenant_id` = g.`tenant_id` AND c.`phone_e164` = g.`phone_e164`
    AND trim(coalesce(c.`consent_source`, '')) <> '' ORDER BY c.`created_at` DESC, c.`id` DESC LIMIT 1),
  (SELECT c.`consent_at` FROM `contacts` c WHERE c.`tenant_id` = g.`tenant_id` AND c.`phone_e164` = g.`phone_e164`
    AND c.`consent_at` IS NOT NULL ORDER BY c.`created_at` DESC, c.`id` DESC LIMIT 1),
  min(g.`created_at`), max(g.`created_at`)
FROM `contacts` g GROUP BY g.`tenant_id`, g.`phone_e164`;--> statement-breakpoint
UPDATE `people` SET `fields` = nullif((
  SELECT json_group_object(x.k, x.v) FROM (
    SELECT j.`key` AS k, j.`value` AS v,
      row_number() OVER (PARTITION BY j.`key` ORDER BY c.`created_at` DESC, c.`id` DESC) AS rn
    FROM `contacts` c, json_each(CASE WHEN json_valid(c.`extra`) AND json_type(c.`extra`) = 'object' THEN c.`extra` ELSE '{}' END) AS j
    WHERE c.`tenant_id` = `people`.`tenant_id` AND c.`phone_e164` = `people`.`phone_e164`
      AND j.`type` IN ('text', 'integer', 'real') AND trim(CAST(j.`value` AS TEXT)) <> ''
  ) AS x WHERE x.rn = 1), '{}');--> statement-breakpoint
ALTER TABLE `contact_lists` ADD `people_new_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `contact_lists` ADD `people_updated_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`list_id` text NOT NULL,
	`person_id` integer NOT NULL,
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
INSERT INTO `__new_contacts` (`id`, `tenant_id`, `list_id`, `person_id`, `name`, `phone_e164`, `phone_kind`, `wa_chat_id`, `email`, `company`, `extra`, `consent_source`, `consent_at`, `source_line`, `created_at`)
SELECT c.`id`, c.`tenant_id`, c.`list_id`, p.`id`, c.`name`, c.`phone_e164`, c.`phone_kind`, c.`wa_chat_id`, c.`email`, c.`company`, c.`extra`, c.`consent_source`, c.`consent_at`, c.`source_line`, c.`created_at`
FROM `contacts` c JOIN `people` p ON p.`tenant_id` = c.`tenant_id` AND p.`phone_e164` = c.`phone_e164`;--> statement-breakpoint
-- keep the id sequence: the outbox keeps contact ids of deleted rows, and a new row must not reuse one
DELETE FROM `sqlite_sequence` WHERE `name` = '__new_contacts';--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT '__new_contacts', `seq` FROM `sqlite_sequence` WHERE `name` = 'contacts';--> statement-breakpoint
DROP TABLE `contacts`;--> statement-breakpoint
ALTER TABLE `__new_contacts` RENAME TO `contacts`;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_list_phone_unique` ON `contacts` (`list_id`,`phone_e164`);
