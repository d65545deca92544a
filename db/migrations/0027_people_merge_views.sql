-- Decision 036 (second update): the person merge and an import's list rows are written through two
-- views whose INSTEAD OF triggers hold the rules, so a step sends its rows ONCE (one JSON string, parsed
-- once) instead of once per table. Both views are write-only: they select no rows.
--
-- `people_merge`: one person per (tenant_id, phone_e164). Per field the newest non-empty value wins (an
-- empty name, a NULL e-mail or company keeps what was known); `fields` (the extra columns, a JSON object
-- or NULL) are merged key by key with json_patch (new keys added, same keys replaced, absent keys kept).
-- A row that brings nothing new leaves the person untouched (no write); the same fields text as known is
-- "nothing new" without parsing either (values are strings, so patching an object with itself gives it
-- back). Used by the import (below) and the API's contact upsert.
CREATE VIEW `people_merge` AS SELECT
	NULL AS `tenant_id`, NULL AS `phone_e164`, NULL AS `phone_kind`, NULL AS `name`, NULL AS `email`,
	NULL AS `company`, NULL AS `fields`, NULL AS `at`
WHERE 0;--> statement-breakpoint
CREATE TRIGGER `people_merge_insert` INSTEAD OF INSERT ON `people_merge`
BEGIN
	INSERT INTO `people` (`tenant_id`, `phone_e164`, `phone_kind`, `name`, `email`, `company`, `fields`, `created_at`, `updated_at`)
	VALUES (NEW.`tenant_id`, NEW.`phone_e164`, NEW.`phone_kind`, NEW.`name`, NEW.`email`, NEW.`company`, NEW.`fields`, NEW.`at`, NEW.`at`)
	ON CONFLICT (`tenant_id`, `phone_e164`) DO UPDATE SET
		`name` = CASE WHEN excluded.`name` <> '' THEN excluded.`name` ELSE `people`.`name` END,
		`phone_kind` = excluded.`phone_kind`,
		`email` = coalesce(excluded.`email`, `people`.`email`),
		`company` = coalesce(excluded.`company`, `people`.`company`),
		`fields` = CASE WHEN excluded.`fields` IS NULL THEN `people`.`fields`
			WHEN `people`.`fields` IS NULL THEN excluded.`fields`
			ELSE json_patch(`people`.`fields`, excluded.`fields`) END,
		`updated_at` = excluded.`updated_at`
	WHERE (excluded.`name` <> '' AND excluded.`name` IS NOT `people`.`name`)
		OR excluded.`phone_kind` IS NOT `people`.`phone_kind`
		OR (excluded.`email` IS NOT NULL AND excluded.`email` IS NOT `people`.`email`)
		OR (excluded.`company` IS NOT NULL AND excluded.`company` IS NOT `people`.`company`)
		OR (excluded.`fields` IS NOT NULL AND (`people`.`fields` IS NULL
			OR (excluded.`fields` IS NOT `people`.`fields`
				AND json_patch(`people`.`fields`, excluded.`fields`) IS NOT `people`.`fields`)));
END;--> statement-breakpoint
-- `contact_import`: one imported row. The person is merged first (people_merge), then the list row
-- points at it, keeping that list's own values; a phone already in the list is left as it is.
CREATE VIEW `contact_import` AS SELECT
	NULL AS `tenant_id`, NULL AS `list_id`, NULL AS `name`, NULL AS `phone_e164`, NULL AS `phone_kind`,
	NULL AS `email`, NULL AS `company`, NULL AS `fields`, NULL AS `source_line`, NULL AS `at`
WHERE 0;--> statement-breakpoint
CREATE TRIGGER `contact_import_insert` INSTEAD OF INSERT ON `contact_import`
BEGIN
	INSERT INTO `people_merge` (`tenant_id`, `phone_e164`, `phone_kind`, `name`, `email`, `company`, `fields`, `at`)
	VALUES (NEW.`tenant_id`, NEW.`phone_e164`, NEW.`phone_kind`, NEW.`name`, NEW.`email`, NEW.`company`, NEW.`fields`, NEW.`at`);
	INSERT INTO `contacts` (`tenant_id`, `list_id`, `person_id`, `name`, `phone_e164`, `phone_kind`, `email`, `company`, `extra`, `source_line`, `created_at`)
	VALUES (NEW.`tenant_id`, NEW.`list_id`,
		(SELECT `p`.`id` FROM `people` `p` WHERE `p`.`tenant_id` = NEW.`tenant_id` AND `p`.`phone_e164` = NEW.`phone_e164`),
		NEW.`name`, NEW.`phone_e164`, NEW.`phone_kind`, NEW.`email`, NEW.`company`, NEW.`fields`, NEW.`source_line`, NEW.`at`)
	ON CONFLICT (`list_id`, `phone_e164`) DO NOTHING;
END;
