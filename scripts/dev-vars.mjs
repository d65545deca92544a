// .dev.vars for local runs (`npm start`, the benches): created from .dev.vars.example with random
// secrets, or completed with the secrets a newer example names. Development only: never a deploy's.
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

function fillSecrets(text) {
  return text
    .replace('REPLACE_WITH_32_BYTES_BASE64', randomBytes(32).toString('base64'))
    .replaceAll('REPLACE_WITH_RANDOM_STRING', () => randomBytes(24).toString('base64url'))
}

/** Creates .dev.vars, or adds the secrets a newer .dev.vars.example names (e.g. OPS_TOKEN) to an old one. */
export function ensureDevVars(root) {
  const file = path.join(root, '.dev.vars')
  const example = readFileSync(path.join(root, '.dev.vars.example'), 'utf8')
  if (!existsSync(file)) {
    writeFileSync(file, fillSecrets(example), { mode: 0o600 })
    console.log('• .dev.vars criado com segredos aleatórios (só para desenvolvimento local).')
    return
  }
  const current = readFileSync(file, 'utf8')
  const has = new Set([...current.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]))
  const missing = example.split('\n').filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l) && !has.has(l.split('=')[0]))
  if (missing.length === 0) return
  const sep = current.endsWith('\n') || current === '' ? '' : '\n'
  appendFileSync(file, `${sep}${fillSecrets(missing.join('\n'))}\n`)
  console.log(`• .dev.vars: acrescentado ${missing.map((l) => l.split('=')[0]).join(', ')}.`)
}
