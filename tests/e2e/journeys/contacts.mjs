// Contacts: import a messy Excel-style CSV (Windows-1252, ';', accents, blank rows, bad and repeated
// phones, a formula cell) -> watch it finish -> accents intact, rejects explained and downloadable ->
// add an opt-out by hand and see it listed. Runs with JavaScript on and off against a fresh stack.
import assert from 'node:assert/strict'
import { hydrated, setupAndLogin } from './common.mjs'

export const name = 'contacts: import a messy CSV, rejects, opt-out'
export const allowConsole = [/status of 4\d\d/]

// What Excel pt-BR's "CSV (separado por vírgulas)" writes: Windows-1252, ';', CRLF, empty ";;;" rows.
const MESSY = [
  'Nome;Celular;E-mail;Cidade',
  'João da Conceição;(11) 98765-4321;joao@exemplo.com.br;São Paulo',
  'Maria Antônia Simões;+55 21 99876-5432;;Niterói',
  ';;;',
  'Zé Ninguém;(20) 98765-4321;;Brasília',
  'João repetido;11987654321;;São Paulo',
  '"=HYPERLINK(""http://golpe.example"";""clique"")";123;;Recife',
  'Açúcar & Cia <b>;0 21 31 3222-1234;;Belo Horizonte',
  '',
].join('\r\n')

function windows1252(text) {
  return Buffer.from(
    Uint8Array.from(text, (c) => {
      const code = c.charCodeAt(0)
      if (code > 0xff) throw new Error(`not Latin-1: ${c}`)
      return code
    }),
  )
}

// n valid, distinct mobiles: "Pessoa N;(11) 9NNNN-NNNN"
function bigFile(n) {
  const lines = ['Nome;Telefone']
  for (let i = 0; i < n; i++) {
    const sub = String(10_000_000 + i).slice(-8)
    lines.push(`Pessoa ${i};(11) 9${sub.slice(0, 4)}-${sub.slice(4)}`)
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`)
}

export async function run({ page, js, shot }) {
  await setupAndLogin(page, { js })

  await page.getByRole('navigation').getByRole('link', { name: 'Contatos' }).click()
  await page.getByRole('heading', { name: 'Contatos' }).waitFor()
  await page.getByRole('link', { name: 'Importar lista' }).click()
  await page.getByRole('heading', { name: 'Importar lista de contatos' }).waitFor()
  await hydrated(page, js)

  // submitting without a file says what is missing
  await page.getByRole('button', { name: 'Enviar e importar' }).click()
  await page.getByText('Escolha o arquivo CSV da lista.').waitFor()

  await page
    .getByLabel('Arquivo')
    .setInputFiles({ name: 'clientes-excel.csv', mimeType: 'text/csv', buffer: windows1252(MESSY) })
  await page.getByLabel('Nome da lista nova').fill('Clientes da padaria')
  await shot('import-form')
  await page.getByRole('button', { name: 'Enviar e importar' }).click()
  await page.getByRole('heading', { name: /Clientes da padaria/ }).waitFor()
  // the import runs in the queue; the page refreshes itself (meta refresh without JS, revalidation with JS)
  await page.locator('.badge', { hasText: 'Pronta' }).first().waitFor({ timeout: 30_000 })
  await shot('list-ready')

  await page.getByText('João da Conceição').waitFor()
  await page.getByText('Maria Antônia Simões').waitFor()
  await page.getByText('Açúcar & Cia <b>').waitFor()
  assert.equal(await page.getByTestId('count-valid').locator('.stat').textContent(), '3')
  assert.equal(await page.getByTestId('count-invalid').locator('.stat').textContent(), '2')
  assert.equal(await page.getByTestId('count-duplicate').locator('.stat').textContent(), '1')
  assert.equal(await page.getByTestId('count-landline').locator('.stat').textContent(), '1')

  // every rejected row is explained with its spreadsheet row number
  await page.getByTestId('reject-5').getByText('DDD inexistente no Brasil').waitFor()
  await page.getByTestId('reject-6').getByText('já aparece na linha 2').waitFor()
  await page.getByTestId('reject-7').getByText('dígitos de menos').waitFor()

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Baixar rejeitados (CSV)' }).click(),
  ])
  const chunks = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk)
  const csv = Buffer.concat(chunks).toString('utf8')
  assert.ok(csv.startsWith('\uFEFFLinha;Conteúdo original;Motivo\r\n'), 'BOM and header')
  assert.ok(csv.includes('Zé Ninguém'), 'accents in the rejects file')
  assert.ok(csv.includes('HYPERLINK'), 'the formula row is in the rejects file')
  assert.ok(!/(^|;)"?[=+@-]/m.test(csv), 'no cell starts like a formula')

  // opt-out by hand
  await page.getByRole('navigation').getByRole('link', { name: 'Opt-outs' }).click()
  await page.getByRole('heading', { name: 'Opt-outs', level: 1 }).waitFor()
  await hydrated(page, js)
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Adicionar número' }) })
  await add.getByLabel('Telefone').fill('(20) 1234-5678')
  await add.getByRole('button', { name: 'Adicionar número' }).click()
  await page.getByText('DDD inexistente no Brasil').waitFor()
  await add.getByLabel('Telefone').fill('(21) 99876-5432')
  await add.getByRole('button', { name: 'Adicionar número' }).click()
  await page.getByText('Número +5521998765432 adicionado aos opt-outs.').waitFor()
  await page.getByTestId('optout-+5521998765432').waitFor()
  await shot('optouts')

  // the list shows the number as opt-out and counts it apart
  await page.goto('/contatos')
  await page.getByRole('link', { name: 'Clientes da padaria' }).click()
  await page.getByTestId('contact-+5521998765432').getByText('opt-out').waitFor()
  assert.equal(await page.getByTestId('count-suppressed').locator('.stat').textContent(), '1')

  // the spreadsheet's other columns are on the contacts table
  await page.getByTestId('extra-col-cidade').getByText('Cidade').waitFor()
  await page.getByTestId('contact-+5511987654321').getByText('São Paulo').waitFor()

  // the whole list as CSV (a plain link): phones Excel shows as typed, formulas defused, opt-out state
  const [listDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Exportar contatos (CSV)' }).click(),
  ])
  assert.match(listDownload.suggestedFilename(), /^lista-clientes-da-padaria-\d{4}-\d{2}-\d{2}\.csv$/)
  const listChunks = []
  for await (const chunk of await listDownload.createReadStream()) listChunks.push(chunk)
  const listCsv = Buffer.concat(listChunks).toString('utf8').split('\r\n')
  assert.equal(listCsv[0], '\uFEFFNome;Telefone;E-mail;Empresa;Cidade;Opt-out;Opt-out desde')
  assert.ok(
    listCsv.includes('João da Conceição;"=""+5511987654321""";joao@exemplo.com.br;;São Paulo;Não;'),
    listCsv.join('\n'),
  )
  assert.ok(
    listCsv.some((l) =>
      /^Maria Antônia Simões;"=""\+5521998765432""";;;Niterói;Sim;\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(l),
    ),
    'the opted-out contact, with the São Paulo time of the opt-out',
  )
  assert.equal(listCsv.length, 5, 'three contacts, the header and the final line break')

  // a bigger file: the page follows the import by itself (meta refresh without JS, revalidation with JS)
  await page.goto('/contatos/importar')
  await hydrated(page, js)
  await page
    .getByLabel('Arquivo')
    .setInputFiles({ name: 'grande.csv', mimeType: 'text/csv', buffer: bigFile(250_000) })
  await page.getByLabel('Nome da lista nova').fill('Lista grande')
  await page.getByRole('button', { name: 'Enviar e importar' }).click()
  await page.getByRole('heading', { name: /Lista grande/ }).waitFor()
  const sawProgress = (await page.locator('progress').count()) > 0
  await page.locator('.badge', { hasText: 'Pronta' }).first().waitFor({ timeout: 60_000 })
  assert.equal(await page.getByTestId('count-valid').locator('.stat').textContent(), '250.000')
  console.log(`  live progress seen: ${sawProgress}`)
  if (sawProgress) await shot('big-done')

  await page.setViewportSize({ width: 360, height: 740 })
  await shot('list-360')

  // at 360 px a list with extra columns scrolls its contacts table inside its own box, never the page
  await page.goto('/contatos')
  await page.getByRole('link', { name: 'Clientes da padaria' }).click()
  await page.getByTestId('extra-col-cidade').waitFor()
  // measured once the page has loaded: the table streams in before the rest of the page (a run on a
  // loaded machine measured 542 px mid-load, then fit once loaded)
  await page.waitForLoadState('load')
  assert.ok(
    (await page.evaluate(() => document.documentElement.scrollWidth)) <= 360,
    'the list page fits 360 px',
  )
  await shot('list-columns-360')
}
