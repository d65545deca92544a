// Staff roles (pure constants, importable by the browser bundle and the DB schema alike).
export const USER_ROLES = ['admin', 'operator', 'viewer'] as const
export type UserRole = (typeof USER_ROLES)[number]
