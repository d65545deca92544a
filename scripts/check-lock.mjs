#!/usr/bin/env node
// CI guard: package-lock.json must be complete for every platform. npm 11 records each package's
// optional native binaries (workerd, rollup, esbuild, biome for macOS, Windows, musl, arm...) in the
// lock; a lock written where the registry lacked some of them is rewritten by the next machine's
// `npm install`, and a macOS or Windows newcomer would get no native binary at all. So: every
// optionalDependency of every locked package must itself be in the lock.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'))
const packages = lock.packages ?? {}

/** Where npm would resolve `name` from the package at `from` (walking up nested node_modules). */
function resolves(from, name) {
  let dir = from
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
    if (packages[candidate]) return true
    if (!dir) return false
    const cut = dir.lastIndexOf('node_modules/')
    if (cut < 0) dir = ''
    else dir = dir.slice(0, cut).replace(/\/$/, '')
  }
}

const missing = []
for (const [at, pkg] of Object.entries(packages)) {
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    if (!resolves(at, name)) missing.push(`${name} (optional dependency of ${at || 'the project'})`)
  }
}

if (missing.length > 0) {
  console.error(`✗ package-lock.json lacks ${missing.length} optional platform package(s):`)
  for (const m of missing.slice(0, 40)) console.error(`  - ${m}`)
  if (missing.length > 40) console.error(`  … and ${missing.length - 40} more`)
  console.error(
    'Run `npm install` with npm ≥ 11 against a registry that serves every platform and commit the lock.',
  )
  process.exit(1)
}
console.log(`✓ package-lock.json is complete for every platform (${Object.keys(packages).length} entries)`)
