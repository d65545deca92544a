// Every page at 360 px (a small phone) and 1280 px (a laptop), JS off and on, signed in as an admin
// with realistic data (a provider, a session, lists, a finished and a scheduled campaign, opt-outs,
// a team member): no sideways scrolling, no element wider than the viewport unless it sits in a
// scroll container, and a header that stays one compact bar on the phone. The pages come from the
// files in app/routes, so a new page cannot escape; pages with ids get them from the seeded data.
// Every page is checked again at 360 px in English (longer words). The header's menus and the
// favicon are checked too (layout-header.mjs). Screenshots: test-results/layout-*.png.
import assert from 'node:assert/strict'
import path from 'node:path'
import { measureLayout, openAllDetails } from '../layout-check.mjs'
import { listRoutes } from '../page-routes.mjs'
import { hydrated, setupAndLogin } from './common.mjs'
import { seed } from './layout-data.mjs'
import {
  checkDesktopMenus,
  checkFavicons,
  checkPhoneMenu,
  DESKTOP,
  openPhoneMenu,
  PHONE,
  switchLanguage,
} from './layout-header.mjs'

export const name = 'layout: every page at 360 px and 1280 px, compact header, favicon'
// The deliberate 404 page logs its status; every response is checked in run() instead.
export const allowConsole = [/status of 404/]

/** The header on a phone: one compact bar. */
const MAX_PHONE_HEADER = 64
const NOT_FOUND_URL = '/pagina-que-nao-existe'
const SIGNED_OUT = new Set(['/setup', '/login'])

/** Which addresses stand for a page with parameters; every such page in app/routes must be here. */
const FILL = {
  '/*': () => [{ label: 'nao-encontrada', url: NOT_FOUND_URL }],
  '/campanhas/:id': (ids) => [
    { label: 'concluida', url: `/campanhas/${ids.campaignId}` },
    { label: 'agendada', url: `/campanhas/${ids.scheduledId}` },
  ],
  '/campanhas/:id/editar': (ids) => [{ label: 'agendada', url: `/campanhas/${ids.scheduledId}/editar` }],
  '/contatos/listas/:id': (ids) => [{ label: 'pronta', url: `/contatos/listas/${ids.listId}` }],
  '/contatos/listas/:id/mapear': (ids) => [{ url: `/contatos/listas/${ids.mappingListId}/mapear` }],
  '/contatos/pessoas/:id': (ids) => [{ label: 'etiquetada', url: `/contatos/pessoas/${ids.personId}` }],
  '/contatos/segmentos/:id': (ids) => [
    { label: 'capital-sp', url: `/contatos/segmentos/${ids.segmentId}` },
    { label: 'novo', url: '/contatos/segmentos/novo' },
  ],
  '/integracoes/sessoes/:id': (ids) => [{ label: 'conectada', url: `/integracoes/sessoes/${ids.sessionId}` }],
  '/respostas/:id': (ids) => [{ label: 'pergunta', url: `/respostas/${ids.conversationId}` }],
  '/integracoes/webhooks/:id': (ids) => [
    { label: 'endereco', url: `/integracoes/webhooks/${ids.endpointId}` },
  ],
  '/integracoes/sessoes/:id/saude': (ids) => [
    { label: 'conectada', url: `/integracoes/sessoes/${ids.sessionId}/saude` },
  ],
}

const slug = (pattern, label) =>
  [
    pattern === '/'
      ? 'inicio'
      : pattern
          .replace(/^\//, '')
          .replace(/[/:*]+/g, '-')
          .replace(/-+$/, ''),
    label,
  ]
    .filter(Boolean)
    .join('-')

/** The pages to visit, from app/routes; throws for a page with parameters that FILL does not know. */
function pagesToVisit(ids) {
  const routes = listRoutes(path.resolve(import.meta.dirname, '..', '..', '..', 'app', 'routes'))
  const pages = routes.filter((r) => r.page)
  assert.ok(pages.length >= 15, `app/routes has pages: ${pages.map((p) => p.pattern).join(', ')}`)
  return pages.flatMap((route) => {
    if (!/[:*]/.test(route.pattern)) return [{ route, url: route.pattern, name: slug(route.pattern) }]
    const fill = FILL[route.pattern]
    if (!fill) {
      throw new Error(
        `${route.pattern} (${path.relative(process.cwd(), route.file)}) is a page with parameters: say in FILL (tests/e2e/journeys/layout.mjs) which seeded ids show it`,
      )
    }
    return fill(ids).map((v) => ({ route, url: v.url, name: slug(route.pattern, v.label) }))
  })
}

/** What fits badly; collected over every page so that one run reports them all. */
function layoutProblems(m, { where, width, appHeader = true }) {
  const problems = m.offenders.map((o) => `${where}: wider than the viewport: ${o}`)
  if (m.scrollWidth > width) problems.push(`${where}: the page scrolls sideways (${m.scrollWidth} px wide)`)
  if (appHeader && width === PHONE.width && m.headerHeight > MAX_PHONE_HEADER)
    problems.push(`${where}: the header takes ${m.headerHeight} px (max ${MAX_PHONE_HEADER})`)
  return problems
}

/** Loads `url` at `size` and adds what does not fit to `problems`. */
async function checkPage(page, { js, url, size, problems, lang = 'pt-BR' }) {
  await page.setViewportSize(size)
  const response = await page.goto(url)
  await hydrated(page, js)
  const expected = url === NOT_FOUND_URL ? 404 : 200
  assert.equal(response?.status(), expected, `${url}: HTTP ${response?.status()}`)
  const landed = new URL(page.url())
  assert.equal(
    `${landed.pathname}${landed.search}`,
    url,
    `${url} redirected to ${landed.pathname}: its layout was not seen`,
  )
  assert.equal(await page.locator('html').getAttribute('lang'), lang, `${url} is in ${lang}`)
  const where = `${url} at ${size.width} px${lang === 'en' ? ' in English' : ''}`
  problems.push(...layoutProblems(await measureLayout(page), { where, width: size.width }))
}

/** 360 px, again with every folded panel open, then 1280 px; a screenshot of each. */
async function checkEverywhere(page, { js, url, name, shot, problems }) {
  await checkPage(page, { js, url, size: PHONE, problems })
  await shot(`${name}-360`)
  if ((await openAllDetails(page)) > 0) {
    const where = `${url} at 360 px with its panels open`
    problems.push(...layoutProblems(await measureLayout(page), { where, width: PHONE.width }))
    await shot(`${name}-360-aberto`)
  }
  await checkPage(page, { js, url, size: DESKTOP, problems })
  await shot(`${name}-1280`)
}

/** The simulator's phone page (the local "phone" of the README): fits too, numbers as +55 11 … */
async function checkSimulatorPhonePage(page, { stack, shot, problems }) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size)
    await page.goto(`${stack.simUrl}/_sim/`)
    const where = `the simulator's phone page at ${size.width} px`
    problems.push(
      ...layoutProblems(await measureLayout(page), { where, width: size.width, appHeader: false }),
    )
    await shot(`simulador-${size.width}`)
  }
  await page.getByText('Conectada como +55 11 98888-4444').waitFor()
  await page.getByRole('heading', { name: /^\+55 11 98765-4501\b/ }).waitFor()
}

export async function run({ page, js, shot, stack }) {
  // Any failed request fails the journey (a missing favicon, a broken asset), except the 404 page's own.
  const failures = []
  page.on('response', (r) => {
    const u = new URL(r.url())
    if (r.status() >= 400 && !(u.pathname === NOT_FOUND_URL && r.status() === 404))
      failures.push(`${r.status()} ${u.pathname}`)
  })
  const problems = []
  const visited = new Set()

  // Signed out: the first-run setup (a fresh stack); then the team, its admin and realistic data.
  await checkEverywhere(page, { js, url: '/setup', name: 'setup', shot, problems })
  visited.add('/setup')
  await checkFavicons(page)
  await page.setViewportSize(DESKTOP)
  await setupAndLogin(page, { js, tenant: 'Padaria e Confeitaria Pão Quente do Jabaquara' })
  const ids = await seed(page, { js, stack })
  const pages = pagesToVisit(ids).filter((p) => !SIGNED_OUT.has(p.route.pattern))

  for (const { route, url, name } of pages) {
    await checkEverywhere(page, { js, url, name, shot, problems })
    visited.add(route.pattern)
  }

  await checkSimulatorPhonePage(page, { stack, shot, problems })

  // The header: the phone menu and the laptop drop-downs.
  await checkPhoneMenu(page, { js, shot })
  await checkDesktopMenus(page, { js, shot })

  // In English, through the header's own form, every page again at 360 px.
  await switchLanguage(page, { js, from: 'pt', to: 'en' })
  for (const { url } of pages) await checkPage(page, { js, url, size: PHONE, problems, lang: 'en' })
  await shot('en-360')
  await switchLanguage(page, { js, from: 'en', to: 'pt' })

  // Signed out again, from the phone menu: the login page.
  await page.setViewportSize(PHONE)
  await page.goto('/')
  await hydrated(page, js)
  await openPhoneMenu(page)
  await page.getByRole('button', { name: 'Sair da conta' }).click()
  await page.getByText('Você saiu da sua conta.').waitFor()
  await checkEverywhere(page, { js, url: '/login', name: 'login', shot, problems })
  visited.add('/login')

  const missed = [...new Set(pagesToVisit(ids).map((p) => p.route.pattern))].filter((p) => !visited.has(p))
  assert.deepEqual(missed, [], 'every page in app/routes was checked')
  assert.deepEqual(failures, [], 'no request failed')
  if (problems.length > 0) console.log(`  ${problems.join('\n  ')}`)
  assert.equal(
    problems.length,
    0,
    `${problems.length} layout problems (JS ${js ? 'on' : 'off'}), listed above`,
  )
}
