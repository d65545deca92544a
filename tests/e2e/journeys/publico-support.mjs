// Steps of the Público journey (publico.mjs): importing a spreadsheet with any columns, opening a
// person from a list, reading a person's facts, saving a segment, launching from the composer's review.
import assert from 'node:assert/strict'
import { hydrated, windows1252 } from './common.mjs'

/**
 * Imports `lines` (header first) as an Excel-style CSV into a new list, waits until it is ready and
 * for the people summary `summary`. The page ends on the list.
 */
export async function importPeople(page, { js, listName, lines, summary }) {
  await page.goto('/contatos/importar')
  await page.getByRole('heading', { name: 'Importar lista de contatos' }).waitFor()
  await hydrated(page, js)
  await page.getByLabel('Arquivo').setInputFiles({
    name: `${listName}.csv`,
    mimeType: 'text/csv',
    buffer: windows1252([...lines, ''].join('\r\n')),
  })
  await page.getByLabel('Nome da lista nova').fill(listName)
  await page.getByRole('button', { name: 'Enviar e importar' }).click()
  await page.getByRole('heading', { name: new RegExp(listName) }).waitFor()
  await page.locator('.badge', { hasText: 'Pronta' }).first().waitFor({ timeout: 30_000 })
  assert.equal(
    await page.getByTestId('count-valid').locator('.stat').textContent(),
    String(lines.length - 1),
    `every row of ${listName} imported`,
  )
  await page.getByTestId('people-merge').getByText(summary).waitFor()
}

/** Opens the person with `phone` from a list's page (`listName`, else the list on screen). */
export async function personPage(page, { js, phone, listName }) {
  if (listName) {
    await page.goto('/contatos')
    await page.getByRole('link', { name: listName, exact: true }).first().click()
    await page.getByRole('heading', { name: new RegExp(listName) }).waitFor()
  }
  await page.getByTestId(`contact-${phone}`).locator('a[href^="/contatos/pessoas/"]').first().click()
  await page.waitForURL(/\/contatos\/pessoas\/\d+$/)
  await page.getByRole('heading', { name: 'Etiquetas', level: 2 }).waitFor()
  await hydrated(page, js)
  return new URL(page.url()).pathname
}

/** The person page's facts: each <dt> with its <dd>. */
export async function personFacts(page) {
  return page.evaluate(() => {
    const out = {}
    for (const dt of document.querySelectorAll('dl dt')) {
      const dd = dt.nextElementSibling
      if (dd?.tagName === 'DD') out[dt.textContent.trim()] = dd.textContent.trim()
    }
    return out
  })
}

/** Creates a segment: `fill` sets its conditions; the count (live or "Contar") must read `count`. */
export async function saveSegment(page, { js, name, fill, count }) {
  await page.goto('/contatos/segmentos/novo')
  await page.getByLabel('Nome do segmento').waitFor()
  await hydrated(page, js)
  await page.getByLabel('Nome do segmento').fill(name)
  await fill()
  const preview = page.getByTestId('segment-preview')
  if (js) {
    // the count follows the fields by itself (a change event posts intent=count)
    await page.getByLabel('Nome do segmento').focus()
    await preview.getByText(count).waitFor()
  } else {
    await page.getByRole('button', { name: 'Contar' }).click()
    await preview.getByText(count).waitFor()
    assert.equal(
      await page.getByLabel('Nome do segmento').inputValue(),
      name,
      'the fields come back as typed',
    )
  }
  // the live count's last request is over before the form is submitted (a navigation aborts it)
  if (js) await page.waitForLoadState('networkidle')
  await page.getByRole('button', { name: 'Salvar segmento' }).click()
  await page.getByText(`Segmento "${name}" salvo.`).waitFor()
  await preview.getByText(count).waitFor()
  const id = new URL(page.url()).pathname.split('/')[3]
  assert.match(id, /^\d+$/, 'the saved segment has its page')
  return id
}

/**
 * The composer's review (refreshed by the button without JavaScript), `check` on it, then "Enviar
 * agora" and the confirmation for `people` contacts. The page ends on the campaign.
 */
export async function launchFromReview(page, { js, people, check }) {
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()
  await page.getByTestId('review').waitFor()
  if (check) await check()
  // the live review's request is over before the form is submitted (a navigation aborts it)
  if (js) await page.locator('[data-testid="review"][aria-busy="false"]').waitFor()
  await page.getByRole('button', { name: 'Enviar agora' }).click()
  const confirm = page.getByTestId('launch-confirm')
  await confirm.getByText(`Enviar para ${people} contatos por 1 sessão?`).waitFor({ timeout: 20_000 })
  await confirm.getByRole('button', { name: 'Confirmar envio' }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 })
}
