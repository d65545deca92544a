// The SQL that gives people tags in bulk (decision 036), shared by the import. Rows travel as one JSON
// parameter; ?1 is the tenant id, ?2 the JSON, ?3 now, then the caller's guard parameters.
import type { TenantScope } from '../db/tenant.server'
import { tagKey } from './tags'

/**
 * Statements that create the tags named in `tagged` (a spelling already known under the same key
 * keeps the known spelling) and link each phone's person to them. `guard` is an extra condition
 * whose parameters follow ?3.
 */
export function tagsStatements(
  scope: TenantScope,
  tagged: ReadonlyArray<readonly [phone: string, tags: readonly string[]]>,
  guard: string,
  guardParams: unknown[],
): D1PreparedStatement[] {
  if (tagged.length === 0) return []
  const names = new Map<string, string>()
  const links: Array<[string, string]> = []
  for (const [phone, tags] of tagged) {
    for (const name of tags) {
      const key = tagKey(name)
      if (!names.has(key)) names.set(key, name)
      links.push([phone, key])
    }
  }
  const d1 = scope.db.$client
  const now = scope.clock()
  const linkStatements: D1PreparedStatement[] = []
  // ~50 bytes a link: 10,000 links keep the JSON parameter far under D1's 2 MB per string
  for (let i = 0; i < links.length; i += 10_000)
    linkStatements.push(
      d1
        .prepare(`INSERT INTO person_tags (tenant_id, person_id, tag_id, created_at)
        SELECT ?1, p.id, t.id, ?3 FROM json_each(?2) AS j
          JOIN people p ON p.tenant_id = ?1 AND p.phone_e164 = j.value ->> 0
          JOIN tags t ON t.tenant_id = ?1 AND t.name_key = j.value ->> 1
        WHERE ${guard}
        ON CONFLICT (person_id, tag_id) DO NOTHING`)
        .bind(scope.tenantId, JSON.stringify(links.slice(i, i + 10_000)), now, ...guardParams),
    )
  return [
    d1
      .prepare(`INSERT INTO tags (tenant_id, name, name_key, created_at)
        SELECT ?1, j.value ->> 0, j.value ->> 1, ?3 FROM json_each(?2) AS j WHERE ${guard}
        ON CONFLICT (tenant_id, name_key) DO NOTHING`)
      .bind(
        scope.tenantId,
        JSON.stringify([...names].map(([key, name]) => [name, key])),
        now,
        ...guardParams,
      ),
    ...linkStatements,
  ]
}
