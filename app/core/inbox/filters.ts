// Respostas' filter values, shared by the page (client) and the query (server).
export const INBOX_STATES = ['all', 'open', 'handled'] as const
export type InboxState = (typeof INBOX_STATES)[number]
