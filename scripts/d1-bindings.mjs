// The D1 bindings of wrangler.toml, in order: `DB` (the control database) and every tenant shard
// (decision 043). Every one of them gets every migration.
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** @returns {string[]} */
export function d1Bindings(root = path.resolve(import.meta.dirname, '..')) {
  const toml = readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
  const names = []
  for (const block of toml.split(/^\[\[/m).slice(1)) {
    if (!block.startsWith('d1_databases]]')) continue
    const m = block.match(/^binding\s*=\s*"([A-Z0-9_]+)"/m)
    if (m?.[1]) names.push(m[1])
  }
  if (!names.includes('DB')) throw new Error('wrangler.toml has no D1 binding "DB"')
  return names
}
