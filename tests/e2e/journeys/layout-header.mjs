// The header's checks for the layout journey: on a phone, one compact bar whose "Menu" opens the
// navigation (no JS needed), touch targets of at least 44 px, closed again after a navigation; on a
// laptop, the row with the "Integrações" and "Idioma e tema" drop-downs; the favicon files.
import assert from 'node:assert/strict'
import { measureLayout } from '../layout-check.mjs'
import { hydrated } from './common.mjs'

export const PHONE = { width: 360, height: 740 }
export const DESKTOP = { width: 1280, height: 860 }
/** WCAG 2.5.5 (AAA) target size, the size a thumb needs. */
const TOUCH = 44

const t = (lang, pt, en) => (lang === 'en' ? en : pt)

/** Fails unless `locator` is at least 44 x 44 px. */
async function assertTouchTarget(locator, what) {
  const box = await locator.boundingBox()
  assert.ok(box, `${what} is on screen`)
  assert.ok(
    box.height >= TOUCH - 0.5 && box.width >= TOUCH - 0.5,
    `${what}: ${box.width} x ${box.height} px, under ${TOUCH} px`,
  )
}

function noOverflow(m, where) {
  assert.deepEqual(m.offenders, [], `${where}: elements wider than the viewport`)
  assert.ok(m.scrollWidth <= m.viewport, `${where}: the page scrolls sideways (${m.scrollWidth} px)`)
}

/** Opens the phone menu (the toggle is a <summary>: it works without JS). */
export async function openPhoneMenu(page, lang = 'pt') {
  const toggle = page.locator('header summary', { hasText: 'Menu' })
  await toggle.click()
  const nav = page.getByRole('navigation', { name: 'Menu' })
  return {
    toggle,
    nav,
    prefs: page.locator('header summary', { hasText: t(lang, 'Idioma e tema', 'Language and theme') }),
  }
}

/** Signed in, at 360 px: the menu is folded into one bar and opens, navigates and closes. */
export async function checkPhoneMenu(page, { js, shot }) {
  await page.setViewportSize(PHONE)
  await page.goto('/campanhas')
  await hydrated(page, js)
  const nav = page.getByRole('navigation', { name: 'Menu' })
  assert.equal(await nav.isVisible(), false, 'on a phone the navigation starts folded')
  await assertTouchTarget(page.locator('header summary', { hasText: 'Menu' }), 'the Menu toggle')
  await assertTouchTarget(page.locator('header .brand'), 'the Disparo logo link')

  const { prefs } = await openPhoneMenu(page)
  await nav.waitFor()
  for (const name of ['Campanhas', 'Contatos', 'Opt-outs', 'Equipe']) {
    await assertTouchTarget(nav.getByRole('link', { name, exact: true }), `the menu link "${name}"`)
  }
  const group = nav.locator('summary', { hasText: 'Integrações' })
  await assertTouchTarget(group, 'the "Integrações" toggle')
  await group.click()
  for (const name of ['Sessões WhatsApp', 'Provedores de IA']) {
    await assertTouchTarget(nav.getByRole('link', { name }), `the menu link "${name}"`)
  }
  noOverflow(await measureLayout(page), 'the open menu at 360 px')
  await shot('menu-360-aberto')
  await assertTouchTarget(prefs, 'the "Idioma e tema" toggle')
  await prefs.click()
  for (const label of ['Idioma', 'Tema']) {
    const box = await page.locator('header').getByLabel(label, { exact: true }).boundingBox()
    assert.ok(box && box.height >= TOUCH - 0.5, `the "${label}" select is ${box?.height} px tall`)
  }
  await assertTouchTarget(page.getByRole('button', { name: 'Aplicar' }), 'the "Aplicar" button')
  const logout = page.getByRole('button', { name: 'Sair da conta' })
  assert.ok(((await logout.boundingBox())?.height ?? 0) >= TOUCH - 0.5, '"Sair da conta" is tall enough')
  await page.getByText('Padaria e Confeitaria Pão Quente do Jabaquara').waitFor()
  noOverflow(await measureLayout(page), 'the open menu with "Idioma e tema" at 360 px')
  await shot('menu-360-idioma')

  // A link in the menu navigates; the new page starts with the menu folded again (JS: same document).
  await group.click() // "Idioma e tema" folded it: one fold-out open at a time
  await nav.getByRole('link', { name: 'Sessões WhatsApp' }).click()
  await page.getByRole('heading', { name: 'Sessões WhatsApp', level: 1 }).waitFor()
  await page.waitForLoadState() // the stylesheet too: before it, everything counts as visible
  await hydrated(page, js)
  assert.equal(await nav.isVisible(), false, 'the menu folds again after a navigation')
  const m = await measureLayout(page)
  assert.ok(m.headerHeight <= 64, `the folded header takes ${m.headerHeight} px`)
}

/** Signed in, at 1280 px: one row; the drop-downs open inside the window and their links work. */
export async function checkDesktopMenus(page, { js, shot }) {
  await page.setViewportSize(DESKTOP)
  await page.goto('/campanhas')
  await hydrated(page, js)
  const nav = page.getByRole('navigation', { name: 'Menu' })
  await nav.getByRole('link', { name: 'Campanhas' }).waitFor()
  assert.equal(
    await page.locator('header summary', { hasText: 'Menu' }).isVisible(),
    false,
    'no Menu toggle on a laptop',
  )
  const m = await measureLayout(page)
  assert.ok(m.headerHeight <= 64, `the header is one row (${m.headerHeight} px)`)
  assert.ok(
    await page.getByRole('button', { name: 'Sair da conta' }).isVisible(),
    '"Sair da conta" is in the row',
  )

  assert.equal(await nav.getByRole('link', { name: 'Campanhas' }).getAttribute('aria-current'), 'page')
  const integrations = nav.locator('summary', { hasText: 'Integrações' })
  await integrations.click()
  noOverflow(await measureLayout(page), 'the open "Integrações" drop-down at 1280 px')
  await shot('menu-1280-integracoes')
  await page.locator('header summary', { hasText: 'Idioma e tema' }).click()
  await page.locator('header').getByLabel('Idioma', { exact: true }).waitFor()
  noOverflow(await measureLayout(page), 'the open "Idioma e tema" drop-down at 1280 px')
  assert.equal(
    await nav.getByRole('link', { name: 'Provedores de IA' }).isVisible(),
    false,
    'one drop-down open at a time',
  )
  await shot('menu-1280-idioma')
  await integrations.click()
  await nav.getByRole('link', { name: 'Provedores de IA' }).click()
  await page.getByRole('heading', { name: 'Provedores de IA', level: 1 }).waitFor()
  await page.waitForLoadState()
  await hydrated(page, js)
  assert.equal(
    await nav.getByRole('link', { name: 'Provedores de IA' }).isVisible(),
    false,
    'the drop-down folds again after a navigation',
  )
}

/** Switches the language with the header's own form, at 360 px (the menu, then "Idioma e tema"). */
export async function switchLanguage(page, { js, from, to }) {
  await page.setViewportSize(PHONE)
  await hydrated(page, js)
  const { prefs } = await openPhoneMenu(page, from)
  await prefs.click()
  await page
    .locator('header')
    .getByLabel(t(from, 'Idioma', 'Language'), { exact: true })
    .selectOption(to === 'en' ? 'en' : 'pt-BR')
  await page.getByRole('button', { name: t(from, 'Aplicar', 'Apply') }).click()
  await page.locator(`html[lang="${to === 'en' ? 'en' : 'pt-BR'}"]`).waitFor()
  await page.waitForLoadState()
  await hydrated(page, js)
}

/** The favicon files are served (SVG for browsers that read the page; ICO for /favicon.ico). */
export async function checkFavicons(page) {
  const svgHref = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href')
  assert.ok(svgHref, 'the page links an SVG favicon')
  const expected = [
    [svgHref, 'image/svg+xml'],
    ['/favicon.ico', 'image/'],
    ['/apple-touch-icon.png', 'image/png'],
  ]
  for (const [href, type] of expected) {
    const res = await page.request.get(href)
    assert.equal(res.status(), 200, `${href}: HTTP ${res.status()}`)
    assert.ok(
      (res.headers()['content-type'] ?? '').startsWith(type),
      `${href}: ${res.headers()['content-type']}`,
    )
  }
  const svg = await (await page.request.get(svgHref)).text()
  assert.match(svg, /#0b7a4b/i, "the favicon is drawn in the app's green")
  const ico = await (await page.request.get('/favicon.ico')).body()
  assert.deepEqual([...ico.subarray(0, 4)], [0, 0, 1, 0], '/favicon.ico is an ICO file')
  const logo = page.locator('header .brand img')
  assert.ok(
    await logo.evaluate((img) => img.complete && img.naturalWidth > 0),
    'the logo in the header loads',
  )
}
