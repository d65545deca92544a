// Disparo's data model (docs/design.md §2) as drizzle tables. snake_case columns, camelCase properties.
// Every tenant-owned table carries tenant_id; queries go through app/core/db/tenant.server.ts helpers.
// Times are unix epoch milliseconds (integer) so the DO, queues and D1 agree without time-zone games.
// The tables live in db/tables/*, one file per area; this module is drizzle-kit's entry and the one
// place the app imports tables from.

export * from './tables/api'
export * from './tables/archives'
export * from './tables/campaigns'
export * from './tables/contacts'
export * from './tables/counters'
export * from './tables/health'
export * from './tables/inbox'
export * from './tables/integrations'
export * from './tables/polls'
export * from './tables/tenancy'
export * from './tables/webhooks'
