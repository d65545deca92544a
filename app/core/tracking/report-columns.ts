// The per-contact columns of a campaign's messages, read by the report table and by its CSV export.
import { campaignMessages as m } from '../../../db/schema'

export const CONTACT_ROW_COLUMNS = {
  contactId: m.contactId,
  contactName: m.contactName,
  phoneE164: m.phoneE164,
  status: m.status,
  sessionId: m.sessionId,
  sentAt: m.sentAt,
  deliveredAt: m.deliveredAt,
  readAt: m.readAt,
  clickedAt: m.clickedAt,
  repliedAt: m.repliedAt,
  error: m.error,
  errorCode: m.errorCode,
  errorParams: m.errorParams,
  errorKind: m.errorKind,
}
