// A list's counters as they are NOW (pure part; the queries are in list-counts.server.ts). The import
// stores how many contacts were valid and how many were already opted out at that time
// (contact_lists.valid_count / suppressed_count); a number that opts out later ("SAIR", by hand) moves
// from valid to opt-out here, without rewriting the list. A ready list with no contact that can
// receive messages is "empty" and cannot be chosen for a campaign.

/** The stored counters a list row carries. */
export type StoredCounters = {
  status: string
  validCount: number
  invalidCount: number
  duplicateCount: number
  suppressedCount: number
  landlineCount: number
}

export type LiveCounts = {
  /** Contacts that receive messages (in the list and not opted out now). */
  valid: number
  invalid: number
  duplicate: number
  /** Contacts of the list whose phone is on the tenant's opt-out list now. */
  suppressed: number
  landline: number
  /** Ready, and nobody in it can receive a message. */
  empty: boolean
}

/** Live counters from the stored ones and the current number of opted-out contacts. */
export function liveCounts(row: StoredCounters, optedOut: number): LiveCounts {
  // every contact row was counted once, as valid or as opted out (import, edits and recounts keep it so)
  const contactsInList = row.validCount + row.suppressedCount
  const suppressed = Math.min(optedOut, contactsInList)
  const valid = contactsInList - suppressed
  return {
    valid,
    invalid: row.invalidCount,
    duplicate: row.duplicateCount,
    suppressed,
    landline: Math.min(row.landlineCount, valid),
    empty: row.status === 'ready' && valid === 0,
  }
}
