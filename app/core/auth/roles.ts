// Who may do what. Roles are checked on every action, never only hidden in the UI.
import type { UserRole } from './role-names'

export type Permission =
  | 'read'
  | 'team:manage'
  | 'integrations:manage'
  | 'contacts:write'
  | 'campaigns:write'
  | 'optout:write'
  | 'optout:remove'
  | 'inbox:answer'

const GRANTS: Record<UserRole, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    'read',
    'team:manage',
    'integrations:manage',
    'contacts:write',
    'campaigns:write',
    'optout:write',
    'optout:remove',
    'inbox:answer',
  ]),
  operator: new Set<Permission>([
    'read',
    'contacts:write',
    'campaigns:write',
    'optout:write',
    'inbox:answer',
  ]),
  viewer: new Set<Permission>(['read']),
}

/** True when the role holds the permission. */
export function can(role: UserRole, permission: Permission): boolean {
  return GRANTS[role].has(permission)
}
