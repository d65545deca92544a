#!/usr/bin/env node
// `npm test`: every test layer in order. Unit (node) and Workers integration (workerd) via vitest,
// then the browser journeys (Playwright + Chromium) against the real local stack.
// Builds first (the Worker imports the Remix build). Installs Debian's chromium when it is missing
// and we are root with apt (a newcomer needs no third command). Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const env = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
}

function step(title, cmd, args, { capture = false } = {}) {
  console.log(`\n▶ ${title}`)
  const r = spawnSync(cmd, args, {
    cwd: root,
    env,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  })
  if (capture) process.stdout.write(r.stdout ?? '')
  return { ok: r.status === 0, out: r.stdout ?? '' }
}

function ensureChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return true
  if (existsSync('/usr/bin/chromium')) return true
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('✗ Chromium não encontrado. Instale o pacote "chromium" (apt) ou defina CHROMIUM_PATH.')
    return false
  }
  console.log('• Instalando o Chromium do Debian para os testes de navegador…')
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv })
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: aptEnv })
  return r.status === 0 && existsSync('/usr/bin/chromium')
}

const counts = { passed: 0, failed: 0 }
function addCounts(out) {
  // vitest: "Tests  12 passed (12)" / "Tests  1 failed | 11 passed (12)"; e2e: "e2e: 2 passed, 0 failed"
  const clean = out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
  const tests = clean.match(/^\s*Tests\s+(.*)$/m)?.[1] ?? ''
  const e2e = clean.match(/^e2e: (\d+) passed, (\d+) failed$/m)
  if (e2e) {
    counts.passed += Number(e2e[1])
    counts.failed += Number(e2e[2])
    return
  }
  counts.passed += Number(tests.match(/(\d+) passed/)?.[1] ?? 0)
  counts.failed += Number(tests.match(/(\d+) failed/)?.[1] ?? 0)
}

let ok = step('build', bin('remix'), ['vite:build']).ok
if (ok) {
  const unit = step('unit + integration (vitest: node + workers)', bin('vitest'), ['run'], { capture: true })
  addCounts(unit.out)
  ok = unit.ok
  if (process.env.SKIP_E2E === '1') {
    console.log('\n(SKIP_E2E=1: browser tests not run)')
  } else if (ensureChromium()) {
    const e2e = step('browser (Playwright + Chromium, JS on and off)', bin('node'), ['tests/e2e/run.mjs'], {
      capture: true,
    })
    addCounts(e2e.out)
    ok = ok && e2e.ok
  } else {
    ok = false
    counts.failed += 1
  }
}
console.log(`\n${counts.passed} passed, ${counts.failed} failed`)
process.exit(ok && counts.failed === 0 ? 0 : 1)
