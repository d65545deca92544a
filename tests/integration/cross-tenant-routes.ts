// Every route that takes an id of a tenant-owned row, as cross-tenant cases (one file per area in
// ./cross-tenant/). Each issue that adds such routes adds its file here; cross-tenant.test.ts runs all.

import { AI_CASES } from './cross-tenant/ai'
import { API_CASES } from './cross-tenant/api'
import { CAMPAIGN_CASES } from './cross-tenant/campaigns'
import { CONTACTS_CASES } from './cross-tenant/contacts'
import { INBOX_CASES } from './cross-tenant/inbox'
import { PEOPLE_CASES } from './cross-tenant/people'
import { REPORT_CASES } from './cross-tenant/report'
import { SESSION_CASES } from './cross-tenant/sessions'
import { TEAM_CASES } from './cross-tenant/team'
import { WEBHOOK_CASES } from './cross-tenant/webhooks'
import type { CrossTenantCase } from './helpers/cross-tenant'

export const CROSS_TENANT_CASES: CrossTenantCase[] = [
  ...TEAM_CASES,
  ...AI_CASES,
  ...SESSION_CASES,
  ...CAMPAIGN_CASES,
  ...CONTACTS_CASES,
  ...REPORT_CASES,
  ...API_CASES,
  ...WEBHOOK_CASES,
  ...INBOX_CASES,
  ...PEOPLE_CASES,
]
