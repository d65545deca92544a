// Header names recognised for each contact field (slugified: lowercase, no accents, snake_case),
// in Portuguese and English. Phone headers carry a priority: WhatsApp > mobile > any phone.

// Header keys (slugified) per field. Phone aliases carry a priority: whatsapp > mobile > any phone.
const NAME_FULL = new Set([
  'nome',
  'name',
  'nome_completo',
  'full_name',
  'fullname',
  'nome_do_contato',
  'nome_contato',
  'contato',
  'cliente',
  'nome_cliente',
  'nome_do_cliente',
  'contact',
  'contact_name',
  'customer',
  'display_name',
  'nome_e_sobrenome',
  'razao_nome',
])
const NAME_FIRST = new Set(['primeiro_nome', 'first_name', 'firstname', 'given_name', 'prenome', 'apelido'])
const EMAIL = new Set([
  'email',
  'e_mail',
  'mail',
  'emails',
  'email_address',
  'endereco_de_email',
  'endereco_email',
  'correio_eletronico',
])
const COMPANY = new Set([
  'empresa',
  'company',
  'companhia',
  'organizacao',
  'organization',
  'razao_social',
  'nome_da_empresa',
  'company_name',
  'negocio',
  'business',
  'loja',
])
const PHONE_PRIORITY: Record<string, number> = {
  whatsapp: 3,
  whats: 3,
  whats_app: 3,
  wpp: 3,
  zap: 3,
  zapzap: 3,
  numero_whatsapp: 3,
  whatsapp_number: 3,
  celular: 2,
  cel: 2,
  mobile: 2,
  mobile_phone: 2,
  cell: 2,
  cellphone: 2,
  cell_phone: 2,
  telefone_celular: 2,
  celular_whatsapp: 3,
  movel: 2,
  telefone: 1,
  tel: 1,
  fone: 1,
  phone: 1,
  phone_number: 1,
  numero: 1,
  number: 1,
  telephone: 1,
  numero_de_telefone: 1,
  contato_telefone: 1,
  telefone_1: 1,
  telefone1: 1,
  ddd_telefone: 1,
}

/** Phone header priority: 3 WhatsApp, 2 mobile, 1 any phone, 0 not a phone header. */
export function phonePriority(key: string): number {
  const exact = PHONE_PRIORITY[key]
  if (exact !== undefined) return exact
  if (key.startsWith('whats') || key.includes('whatsapp')) return 3
  if (key.startsWith('celular') || key.startsWith('cel_') || key.startsWith('mobile')) return 2
  if (
    key.startsWith('telefone') ||
    key.startsWith('fone') ||
    key.startsWith('phone') ||
    key.startsWith('tel_')
  ) {
    return 1
  }
  return 0
}

export type HeaderRole = 'name_full' | 'name_first' | 'email' | 'company' | 'phone' | null

/** The field a slugified header names, or null for an extra column. */
export function headerRole(key: string): HeaderRole {
  if (phonePriority(key) > 0) return 'phone'
  if (NAME_FULL.has(key)) return 'name_full'
  if (NAME_FIRST.has(key)) return 'name_first'
  if (EMAIL.has(key)) return 'email'
  if (COMPANY.has(key)) return 'company'
  return null
}
