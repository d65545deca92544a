// Finds and launches Chromium for the browser tests: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
// scripts/test.mjs installs Debian's chromium first when it is missing (and we may use apt).
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  )
  return candidates.find((p) => existsSync(p)) ?? null
}

export async function launchBrowser() {
  const executablePath = chromiumPath()
  if (!executablePath)
    throw new Error('Chromium not found: install Debian\'s "chromium" or set CHROMIUM_PATH')
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

/**
 * A fresh context/page per journey. Any console error or uncaught page error fails the journey,
 * except messages the journey expects (e.g. a 4xx it provokes on purpose).
 */
export async function openPage(browser, { javaScriptEnabled, baseURL, allowConsole = [] }) {
  const context = await browser.newContext({
    javaScriptEnabled,
    baseURL,
    locale: 'pt-BR',
    viewport: { width: 1280, height: 860 },
  })
  const page = await context.newPage()
  const problems = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    if (allowConsole.some((re) => re.test(text))) return
    problems.push(`console.error: ${text}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  return { context, page, problems }
}
