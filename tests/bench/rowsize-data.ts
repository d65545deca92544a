// For `npm run bench:rowsize`: realistic rows as a Brazilian spreadsheet import and a marketing campaign
// give them (full names, mobiles with DDD, e-mails, companies, extra columns, rejected lines, texts of
// 200–400 characters with variables, variants and a link). Seeded, so every run writes the same bytes.
import type { ImportedContact, RejectedRow } from '../../app/core/contacts/import/contact-rows'
import { ptText } from '../../app/i18n'
import { text } from '../../app/i18n/text'
import { buildMobileE164 } from '../builders'

const FIRST = [
  'Ana',
  'João',
  'Maria',
  'José',
  'Francisca',
  'Antônio',
  'Conceição',
  'Luís',
  'Júlia',
  'Raimundo',
  'Gabriela',
  'Rafael',
  'Letícia',
  'Matheus',
  'Beatriz',
  'Thiago',
  'Fernanda',
  'Carlos Eduardo',
  'Ana Paula',
  'Cícero',
]
const LAST = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Pereira',
  'Lima',
  'Araújo',
  'Gonçalves',
  'Cavalcânti',
  'Rodrigues',
  'Ferreira',
  'Almeida',
  'Nascimento',
  'Carvalho',
  'Ribeiro',
  'Barbosa',
  'de Jesus',
  'Rocha',
]
const CITIES = [
  ['São Paulo', 'Vila Mariana'],
  ['São Paulo', 'Itaquera'],
  ['Rio de Janeiro', 'Tijuca'],
  ['Belo Horizonte', 'Savassi'],
  ['Recife', 'Boa Viagem'],
  ['Fortaleza', 'Aldeota'],
  ['Salvador', 'Pituba'],
  ['Porto Alegre', 'Moinhos de Vento'],
  ['Curitiba', 'Batel'],
  ['Manaus', 'Adrianópolis'],
  ['Goiânia', 'Setor Bueno'],
  ['Campinas', 'Cambuí'],
]
const COMPANIES = [
  'Padaria Pão Dourado',
  'Mercadinho São Jorge',
  'Auto Peças Irmãos Lima',
  'Salão Beleza Pura',
  'Clínica Sorriso',
  'Papelaria Central',
  'Farmácia Popular do Bairro',
]
const SELLERS = ['Juliana', 'Marcos', 'Patrícia', 'Rodrigo', 'Aline']
const DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com', 'uol.com.br', 'bol.com.br']

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

/** A full name as spreadsheets carry it: two to four words. */
function fullName(random: () => number): string {
  const parts = [pick(random, FIRST), pick(random, LAST)]
  if (random() < 0.6) parts.splice(1, 0, pick(random, LAST))
  if (random() < 0.2) parts.push(pick(random, LAST))
  return parts.join(' ')
}

const money = (random: () => number) => `R$ ${(20 + random() * 980).toFixed(2).replace('.', ',')}`
const date = (random: () => number, from: number, years: number) => {
  const d = new Date(Date.UTC(from, 0, 1) + Math.floor(random() * years * 365) * 86_400_000)
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
}

/** One imported contact (a mobile; 3% landlines) with the extra columns of a store's customer sheet. */
export function buildImportedContact(random: () => number, index: number): ImportedContact {
  const name = fullName(random)
  const [city, district] = pick(random, CITIES)
  const landline = random() < 0.03
  const mobile = buildMobileE164(random)
  const phoneE164 = landline ? `+55${mobile.slice(3, 5)}3${mobile.slice(7)}` : mobile
  const extra: Record<string, string> = { cidade: city ?? '', bairro: district ?? '' }
  if (random() < 0.8) extra.data_de_nascimento = date(random, 1960, 45)
  if (random() < 0.9) extra.ultima_compra = date(random, 2025, 1)
  if (random() < 0.9) extra.valor_gasto = money(random)
  extra.vendedor = pick(random, SELLERS)
  extra.codigo_cliente = String(100_000 + index)
  const [first, ...rest] = ascii(name).split(' ')
  return {
    name,
    phoneE164,
    phoneKind: landline ? 'landline' : 'mobile',
    email:
      random() < 0.7
        ? `${first}.${rest.at(-1)}${Math.floor(random() * 100)}@${pick(random, DOMAINS)}`
        : undefined,
    company: random() < 0.3 ? pick(random, COMPANIES) : undefined,
    extra,
    notes: [],
  }
}

/** A refused spreadsheet line: a short or DDD-less phone, or a repeated one (about 3% of a real file). */
export function buildRejectedRow(random: () => number, line: number): RejectedRow {
  const name = fullName(random)
  const [city, district] = pick(random, CITIES)
  const kind = random()
  const phone =
    kind < 0.4 ? `(11) 9${Math.floor(random() * 1e6)}` : kind < 0.7 ? `9${Math.floor(random() * 1e8)}` : ''
  const t =
    kind < 0.4
      ? text('phone.too_short')
      : kind < 0.7
        ? text('phone.missing_ddd')
        : text('import.reject.duplicateInFile', { line: Math.max(2, line - 40) })
  const raw = `${name};${phone || '(21) 98765-4321'};${ascii(name).replace(/ /g, '.')}@gmail.com;${city};${district};${date(random, 1970, 30)}`
  return {
    line,
    reason: kind < 0.4 ? 'too_short' : kind < 0.7 ? 'missing_ddd' : 'duplicate',
    text: t,
    message: ptText(t),
    raw,
  }
}

/** The campaign's alternative texts: rendered, 220–380 characters each. */
export const CAMPAIGN_TEXTS = [
  'Oi, {{primeiro_nome|tudo bem}}! Aqui é a {Loja Bela Vista|equipe da Bela Vista} 🛍️\n\n' +
    'A Black Friday chegou mais cedo para os clientes de {{cidade|sua cidade}}: até 50% de desconto em ' +
    'roupas, calçados e acessórios, só até domingo.\n\nVeja as ofertas separadas para você: ' +
    'https://loja.exemplo.com.br/ofertas/black-friday?utm_source=whatsapp&utm_campaign=bf2026\n\n' +
    'Se não quiser mais receber nossas mensagens, responda SAIR.',
  '{Olá|Oi} {{primeiro_nome|cliente}}, tudo bem? Sua última compra com a gente foi em {{ultima_compra|2025}} e ' +
    'separamos um cupom de 15% para você: BELAVISTA15. Vale até sexta em https://loja.exemplo.com.br/cupom. ' +
    'Para sair da lista, responda SAIR.',
]
