#!/usr/bin/env node
// Browser tests: each journey runs twice (JavaScript off, then on), each time against a fresh stack.
// Screenshots go to test-results/. Prints "N passed, N failed"; exits non-zero on any failure.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { launchBrowser, openPage } from './browser.mjs'
import { startStack } from './stack.mjs'

const root = path.resolve(import.meta.dirname, '..', '..')
const outDir = path.join(root, 'test-results')
mkdirSync(outDir, { recursive: true })

const journeyFiles = [
  'foundation.mjs',
  'sessions.mjs',
  'contacts.mjs',
  'ai.mjs',
  'campaign.mjs',
  'schedule-ai.mjs',
  'risk.mjs',
  'layout.mjs',
  'guard.mjs',
  'inbox.mjs',
  'api-webhooks.mjs',
  'polls.mjs',
  'publico.mjs',
  'followups.mjs',
  'archive.mjs',
  'move.mjs',
]
const only = process.argv[2]
const journeys = []
for (const file of journeyFiles) {
  if (only && !file.includes(only)) continue
  journeys.push({ file, ...(await import(`./journeys/${file}`)) })
}

const browser = await launchBrowser()
let passed = 0
let failed = 0
try {
  for (const journey of journeys) {
    for (const js of [false, true]) {
      const label = `${journey.name} [JS ${js ? 'on' : 'off'}]`
      const stack = await startStack(journey.stackEnv ? { env: journey.stackEnv } : {})
      const { context, page, problems } = await openPage(browser, {
        javaScriptEnabled: js,
        baseURL: stack.url,
        allowConsole: journey.allowConsole ?? [],
      })
      page.setDefaultTimeout(15_000)
      const started = Date.now()
      try {
        const shot = (name) =>
          page.screenshot({
            path: path.join(outDir, `${journey.file.replace('.mjs', '')}-${js ? 'js' : 'nojs'}-${name}.png`),
            fullPage: true,
          })
        await journey.run({ page, js, shot, stack })
        if (problems.length > 0) throw new Error(problems.join('\n'))
        passed++
        console.log(`✓ ${label} (${Date.now() - started} ms)`)
      } catch (error) {
        failed++
        console.log(
          `✗ ${label}\n  ${String(error?.stack ?? error)
            .split('\n')
            .slice(0, 8)
            .join('\n  ')}`,
        )
        await page
          .screenshot({
            path: path.join(outDir, `FAILED-${journey.file}-${js ? 'js' : 'nojs'}.png`),
            fullPage: true,
          })
          .catch(() => {})
        if (process.env.E2E_DEBUG) console.log(stack.log())
      } finally {
        await context.close()
        await stack.stop()
      }
    }
  }
} finally {
  await browser.close()
}
console.log(`\ne2e: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
