// API token scopes (decision 030). Only scopes whose endpoints exist are offered: a control must take
// effect (docs/design.md §1).

export const API_SCOPES = [
  'contacts:read',
  'contacts:write',
  'campaigns:read',
  'campaigns:write',
  'messages:send',
  'sessions:manage',
  'ai:use',
  'webhooks:manage',
] as const

export type ApiScope = (typeof API_SCOPES)[number]

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value)
}
