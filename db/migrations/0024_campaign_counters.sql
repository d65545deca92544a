CREATE TABLE `campaign_counter_checks` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`checked_at` integer NOT NULL,
	`drift` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_counts` (
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`session_id` text DEFAULT '' NOT NULL,
	`sent_hour` integer DEFAULT -1 NOT NULL,
	`error_kind` text DEFAULT '' NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`clicked` integer DEFAULT 0 NOT NULL,
	`replied` integer DEFAULT 0 NOT NULL,
	`confirmed_later` integer DEFAULT 0 NOT NULL,
	`resent` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `step`, `status`, `session_id`, `sent_hour`, `error_kind`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_counts_session_hour_idx` ON `campaign_counts` (`session_id`,`sent_hour`);--> statement-breakpoint
CREATE TABLE `campaign_failure_counts` (
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`status` text NOT NULL,
	`error_kind` text DEFAULT '' NOT NULL,
	`error` text DEFAULT '' NOT NULL,
	`error_code` text DEFAULT '' NOT NULL,
	`error_params` text DEFAULT '' NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `status`, `error_kind`, `error`, `error_code`, `error_params`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_late_opt_outs` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_read_hours` (
	`tenant_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`read_hour` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `read_hour`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_messages_failed_idx` ON `campaign_messages` (`campaign_id`,`failed_at`) WHERE "campaign_messages"."failed_at" IS NOT NULL;
--> statement-breakpoint
-- Backfill (decision 041): the counters of every existing campaign, from its outbox rows, in the same
-- migration that adds the triggers below (nothing writes in between: D1 applies a migration at once).
INSERT INTO campaign_counts (tenant_id, campaign_id, step, status, session_id, sent_hour, error_kind, n, clicked, replied, confirmed_later, resent)
  SELECT tenant_id, campaign_id, step, status, COALESCE(session_id, ''), COALESCE(CAST(sent_at / 3600000 AS INTEGER), -1),
    COALESCE(error_kind, ''), COUNT(*), COUNT(clicked_at), COUNT(replied_at),
    COUNT(CASE WHEN reconciled = 'confirmed' THEN 1 END), COUNT(resent_at)
  FROM campaign_messages GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO campaign_read_hours (tenant_id, campaign_id, read_hour, n)
  SELECT tenant_id, campaign_id, CAST(read_at / 3600000 AS INTEGER), COUNT(*)
  FROM campaign_messages WHERE status = 'read' AND read_at IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO campaign_failure_counts (tenant_id, campaign_id, status, error_kind, error, error_code, error_params, n)
  SELECT tenant_id, campaign_id, status, COALESCE(error_kind, ''), COALESCE(error, ''), COALESCE(error_code, ''),
    COALESCE(error_params, ''), COUNT(*)
  FROM campaign_messages WHERE status IN ('failed', 'unknown', 'skipped') GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO campaign_late_opt_outs (campaign_id, tenant_id, n)
  SELECT m.campaign_id, m.tenant_id, COUNT(DISTINCT s.id) FROM suppressions s
  JOIN campaign_messages m ON m.tenant_id = s.tenant_id AND m.phone_e164 = s.phone_e164
    AND m.sent_at IS NOT NULL AND m.sent_at < s.created_at
  GROUP BY m.campaign_id, m.tenant_id;
--> statement-breakpoint
-- The triggers: a row's contribution is added on insert, removed on delete, and moved on update when a
-- counted column changed (decrements are plain UPDATEs: a row deleted with its campaign adds nothing).
-- An archive (decision 042) deletes a campaign's rows once its object is verified, and a restore puts
-- them back: the counters keep counting those rows all along (the campaign list, the API and the
-- dashboard read them), so neither moves them.
CREATE TRIGGER campaign_messages_counts_insert AFTER INSERT ON campaign_messages
WHEN NOT EXISTS (SELECT 1 FROM campaign_archives a WHERE a.campaign_id = NEW.campaign_id AND a.state IN ('verified', 'restoring'))
BEGIN
  INSERT INTO campaign_counts (tenant_id, campaign_id, step, status, session_id, sent_hour, error_kind, n, clicked, replied, confirmed_later, resent)
    SELECT NEW.tenant_id, NEW.campaign_id, NEW.step, NEW.status, COALESCE(NEW.session_id, ''), COALESCE(CAST(NEW.sent_at / 3600000 AS INTEGER), -1), COALESCE(NEW.error_kind, ''), 1, (NEW.clicked_at IS NOT NULL), (NEW.replied_at IS NOT NULL), (NEW.reconciled IS 'confirmed'), (NEW.resent_at IS NOT NULL)
    WHERE 1
    ON CONFLICT DO UPDATE SET n = n + excluded.n, clicked = clicked + excluded.clicked, replied = replied + excluded.replied, confirmed_later = confirmed_later + excluded.confirmed_later, resent = resent + excluded.resent;
  INSERT INTO campaign_read_hours (tenant_id, campaign_id, read_hour, n)
    SELECT NEW.tenant_id, NEW.campaign_id, COALESCE(CAST(NEW.read_at / 3600000 AS INTEGER), -1), 1
    WHERE (NEW.status = 'read' AND NEW.read_at IS NOT NULL) AND 1
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO campaign_failure_counts (tenant_id, campaign_id, status, error_kind, error, error_code, error_params, n)
    SELECT NEW.tenant_id, NEW.campaign_id, NEW.status, COALESCE(NEW.error_kind, ''), COALESCE(NEW.error, ''), COALESCE(NEW.error_code, ''), COALESCE(NEW.error_params, ''), 1
    WHERE (NEW.status IN ('failed', 'unknown', 'skipped')) AND 1
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER campaign_messages_counts_delete AFTER DELETE ON campaign_messages
WHEN NOT EXISTS (SELECT 1 FROM campaign_archives a WHERE a.campaign_id = OLD.campaign_id AND a.state IN ('verified', 'restoring'))
BEGIN
  UPDATE campaign_counts SET n = n - 1, clicked = clicked - (OLD.clicked_at IS NOT NULL), replied = replied - (OLD.replied_at IS NOT NULL), confirmed_later = confirmed_later - (OLD.reconciled IS 'confirmed'), resent = resent - (OLD.resent_at IS NOT NULL)
    WHERE campaign_id = OLD.campaign_id AND step = OLD.step AND status = OLD.status AND session_id = COALESCE(OLD.session_id, '') AND sent_hour = COALESCE(CAST(OLD.sent_at / 3600000 AS INTEGER), -1) AND error_kind = COALESCE(OLD.error_kind, '')
      AND 1;
  UPDATE campaign_read_hours SET n = n - 1
    WHERE campaign_id = OLD.campaign_id AND read_hour = COALESCE(CAST(OLD.read_at / 3600000 AS INTEGER), -1)
      AND (OLD.status = 'read' AND OLD.read_at IS NOT NULL) AND 1;
  UPDATE campaign_failure_counts SET n = n - 1
    WHERE campaign_id = OLD.campaign_id AND status = OLD.status AND error_kind = COALESCE(OLD.error_kind, '') AND error = COALESCE(OLD.error, '') AND error_code = COALESCE(OLD.error_code, '') AND error_params = COALESCE(OLD.error_params, '')
      AND (OLD.status IN ('failed', 'unknown', 'skipped')) AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER campaign_messages_counts_update AFTER UPDATE OF step, status, session_id, sent_at, error_kind, clicked_at, replied_at, reconciled, resent_at, read_at, error, error_code, error_params ON campaign_messages
WHEN OLD.step IS NOT NEW.step OR OLD.status IS NOT NEW.status OR OLD.session_id IS NOT NEW.session_id OR OLD.sent_at IS NOT NEW.sent_at OR OLD.error_kind IS NOT NEW.error_kind OR OLD.clicked_at IS NOT NEW.clicked_at OR OLD.replied_at IS NOT NEW.replied_at OR OLD.reconciled IS NOT NEW.reconciled OR OLD.resent_at IS NOT NEW.resent_at OR OLD.read_at IS NOT NEW.read_at OR OLD.error IS NOT NEW.error OR OLD.error_code IS NOT NEW.error_code OR OLD.error_params IS NOT NEW.error_params
BEGIN
  UPDATE campaign_counts SET clicked = clicked + (NEW.clicked_at IS NOT NULL) - (OLD.clicked_at IS NOT NULL), replied = replied + (NEW.replied_at IS NOT NULL) - (OLD.replied_at IS NOT NULL), confirmed_later = confirmed_later + (NEW.reconciled IS 'confirmed') - (OLD.reconciled IS 'confirmed'), resent = resent + (NEW.resent_at IS NOT NULL) - (OLD.resent_at IS NOT NULL)
    WHERE campaign_id = NEW.campaign_id AND step = NEW.step AND status = NEW.status AND session_id = COALESCE(NEW.session_id, '') AND sent_hour = COALESCE(CAST(NEW.sent_at / 3600000 AS INTEGER), -1) AND error_kind = COALESCE(NEW.error_kind, '')
      AND (OLD.step IS NEW.step AND OLD.status IS NEW.status AND COALESCE(OLD.session_id, '') IS COALESCE(NEW.session_id, '') AND COALESCE(CAST(OLD.sent_at / 3600000 AS INTEGER), -1) IS COALESCE(CAST(NEW.sent_at / 3600000 AS INTEGER), -1) AND COALESCE(OLD.error_kind, '') IS COALESCE(NEW.error_kind, '')) AND ((OLD.clicked_at IS NOT NULL) IS NOT (NEW.clicked_at IS NOT NULL) OR (OLD.replied_at IS NOT NULL) IS NOT (NEW.replied_at IS NOT NULL) OR (OLD.reconciled IS 'confirmed') IS NOT (NEW.reconciled IS 'confirmed') OR (OLD.resent_at IS NOT NULL) IS NOT (NEW.resent_at IS NOT NULL));
  UPDATE campaign_counts SET n = n - 1, clicked = clicked - (OLD.clicked_at IS NOT NULL), replied = replied - (OLD.replied_at IS NOT NULL), confirmed_later = confirmed_later - (OLD.reconciled IS 'confirmed'), resent = resent - (OLD.resent_at IS NOT NULL)
    WHERE campaign_id = OLD.campaign_id AND step = OLD.step AND status = OLD.status AND session_id = COALESCE(OLD.session_id, '') AND sent_hour = COALESCE(CAST(OLD.sent_at / 3600000 AS INTEGER), -1) AND error_kind = COALESCE(OLD.error_kind, '')
      AND NOT (OLD.step IS NEW.step AND OLD.status IS NEW.status AND COALESCE(OLD.session_id, '') IS COALESCE(NEW.session_id, '') AND COALESCE(CAST(OLD.sent_at / 3600000 AS INTEGER), -1) IS COALESCE(CAST(NEW.sent_at / 3600000 AS INTEGER), -1) AND COALESCE(OLD.error_kind, '') IS COALESCE(NEW.error_kind, ''));
  INSERT INTO campaign_counts (tenant_id, campaign_id, step, status, session_id, sent_hour, error_kind, n, clicked, replied, confirmed_later, resent)
    SELECT NEW.tenant_id, NEW.campaign_id, NEW.step, NEW.status, COALESCE(NEW.session_id, ''), COALESCE(CAST(NEW.sent_at / 3600000 AS INTEGER), -1), COALESCE(NEW.error_kind, ''), 1, (NEW.clicked_at IS NOT NULL), (NEW.replied_at IS NOT NULL), (NEW.reconciled IS 'confirmed'), (NEW.resent_at IS NOT NULL)
    WHERE NOT (OLD.step IS NEW.step AND OLD.status IS NEW.status AND COALESCE(OLD.session_id, '') IS COALESCE(NEW.session_id, '') AND COALESCE(CAST(OLD.sent_at / 3600000 AS INTEGER), -1) IS COALESCE(CAST(NEW.sent_at / 3600000 AS INTEGER), -1) AND COALESCE(OLD.error_kind, '') IS COALESCE(NEW.error_kind, ''))
    ON CONFLICT DO UPDATE SET n = n + excluded.n, clicked = clicked + excluded.clicked, replied = replied + excluded.replied, confirmed_later = confirmed_later + excluded.confirmed_later, resent = resent + excluded.resent;
  UPDATE campaign_read_hours SET n = n - 1
    WHERE campaign_id = OLD.campaign_id AND read_hour = COALESCE(CAST(OLD.read_at / 3600000 AS INTEGER), -1)
      AND (OLD.status = 'read' AND OLD.read_at IS NOT NULL) AND NOT (OLD.status IS NEW.status AND COALESCE(CAST(OLD.read_at / 3600000 AS INTEGER), -1) IS COALESCE(CAST(NEW.read_at / 3600000 AS INTEGER), -1));
  INSERT INTO campaign_read_hours (tenant_id, campaign_id, read_hour, n)
    SELECT NEW.tenant_id, NEW.campaign_id, COALESCE(CAST(NEW.read_at / 3600000 AS INTEGER), -1), 1
    WHERE (NEW.status = 'read' AND NEW.read_at IS NOT NULL) AND NOT (OLD.status IS NEW.status AND COALESCE(CAST(OLD.read_at / 3600000 AS INTEGER), -1) IS COALESCE(CAST(NEW.read_at / 3600000 AS INTEGER), -1))
    ON CONFLICT DO UPDATE SET n = n + 1;
  UPDATE campaign_failure_counts SET n = n - 1
    WHERE campaign_id = OLD.campaign_id AND status = OLD.status AND error_kind = COALESCE(OLD.error_kind, '') AND error = COALESCE(OLD.error, '') AND error_code = COALESCE(OLD.error_code, '') AND error_params = COALESCE(OLD.error_params, '')
      AND (OLD.status IN ('failed', 'unknown', 'skipped')) AND NOT (OLD.status IS NEW.status AND OLD.error_kind IS NEW.error_kind AND OLD.error IS NEW.error AND OLD.error_code IS NEW.error_code AND OLD.error_params IS NEW.error_params);
  INSERT INTO campaign_failure_counts (tenant_id, campaign_id, status, error_kind, error, error_code, error_params, n)
    SELECT NEW.tenant_id, NEW.campaign_id, NEW.status, COALESCE(NEW.error_kind, ''), COALESCE(NEW.error, ''), COALESCE(NEW.error_code, ''), COALESCE(NEW.error_params, ''), 1
    WHERE (NEW.status IN ('failed', 'unknown', 'skipped')) AND NOT (OLD.status IS NEW.status AND OLD.error_kind IS NEW.error_kind AND OLD.error IS NEW.error AND OLD.error_code IS NEW.error_code AND OLD.error_params IS NEW.error_params)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- Late opt-outs: a suppression counts once for each campaign that had sent to its phone before it was
-- created (the report's old EXISTS). Outbox rows sent after a suppression existed cannot be late; rows
-- deleted or re-addressed later (erase, archive) drift until the recount repairs them.
CREATE TRIGGER suppressions_late_opt_outs_insert AFTER INSERT ON suppressions
BEGIN
  INSERT INTO campaign_late_opt_outs (campaign_id, tenant_id, n)
    SELECT m.campaign_id, m.tenant_id, 1 FROM campaign_messages m
    WHERE m.tenant_id = NEW.tenant_id AND m.phone_e164 = NEW.phone_e164 AND m.sent_at IS NOT NULL AND m.sent_at < NEW.created_at
    GROUP BY m.campaign_id
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER suppressions_late_opt_outs_delete AFTER DELETE ON suppressions
BEGIN
  UPDATE campaign_late_opt_outs SET n = n - 1
    WHERE campaign_id IN (SELECT m.campaign_id FROM campaign_messages m
      WHERE m.tenant_id = OLD.tenant_id AND m.phone_e164 = OLD.phone_e164 AND m.sent_at IS NOT NULL AND m.sent_at < OLD.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER suppressions_late_opt_outs_update AFTER UPDATE OF tenant_id, phone_e164, created_at ON suppressions
BEGIN
  UPDATE campaign_late_opt_outs SET n = n - 1
    WHERE campaign_id IN (SELECT m.campaign_id FROM campaign_messages m
      WHERE m.tenant_id = OLD.tenant_id AND m.phone_e164 = OLD.phone_e164 AND m.sent_at IS NOT NULL AND m.sent_at < OLD.created_at);
  INSERT INTO campaign_late_opt_outs (campaign_id, tenant_id, n)
    SELECT m.campaign_id, m.tenant_id, 1 FROM campaign_messages m
    WHERE m.tenant_id = NEW.tenant_id AND m.phone_e164 = NEW.phone_e164 AND m.sent_at IS NOT NULL AND m.sent_at < NEW.created_at
    GROUP BY m.campaign_id
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
