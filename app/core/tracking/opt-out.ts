// Opt-out intent in pt-BR replies (docs/design.md §3 "Events", decision 031). People write "SAIR", but
// also "Sair por favor", "não quero mais receber", "me tira dessa lista". A reply is read after
// normalising it (case, accents, punctuation, emoji, chat spellings such as "n", "vc", "pfv") and is:
// - `optOut`: certain: opt out at once (the keyword alone, or a phrase that asks to stop, not negated,
//   not a question or a condition);
// - `doubtful`: it mentions leaving, stopping, blocking, spam or "who gave you my number", but not
//   plainly: a person confirms it in "Possíveis opt-outs";
// - `none`: anything else, including a negated request ("não quero sair", "não precisa me tirar").
// The rules favour precision for `optOut` (never drop someone who did not ask) and recall for
// `optOut` + `doubtful` together (never lose a request). opt-out.test.ts holds 100+ real-looking
// replies with the expected decision and prints precision and recall.

export type OptOutDecision = 'optOut' | 'doubtful' | 'none'
export type OptOutIntent = { decision: OptOutDecision; rule: string }

/** Lower-case, no accents, only letters/digits separated by single spaces. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Chat spellings to the words the rules use (token by token). */
const SPELLINGS: Record<string, string> = {
  n: 'nao',
  naum: 'nao',
  nn: 'nao',
  vc: 'voce',
  vcs: 'voces',
  q: 'que',
  pq: 'porque',
  msg: 'mensagem',
  msgs: 'mensagens',
  mensagen: 'mensagem',
  pfv: 'por favor',
  pf: 'por favor',
  pfvr: 'por favor',
  porfavor: 'por favor',
  pls: 'por favor',
  plz: 'por favor',
  please: 'por favor',
  tb: 'tambem',
  td: 'tudo',
}

/** Words that change nothing when around a request: "Sair, obrigado!", "Boa tarde, parar por favor". */
const FILLERS = [
  'por favor',
  'obrigado',
  'obrigada',
  'obg',
  'grato',
  'grata',
  'valeu',
  'ok',
  'oi',
  'ola',
  'bom dia',
  'boa tarde',
  'boa noite',
  'moco',
  'moca',
  'amigo',
  'amiga',
  'ja',
  'agora',
  'urgente',
  'ai',
  'dai',
  'de vez',
  'de uma vez',
  'imediatamente',
  'sim',
  'eu',
]

function tokensOf(text: string): string {
  return normaliseReply(text)
    .split(' ')
    .map((w) => SPELLINGS[w] ?? w)
    .join(' ')
}

function withoutFillers(text: string): string {
  let out = ` ${text} `
  for (const f of FILLERS) out = out.split(` ${f} `).join(' ')
  return out.replace(/\s+/g, ' ').trim()
}

/** The whole message (fillers aside) is one of these: opt out. */
const KEYWORDS = new Set([
  'sair',
  'parar',
  'pare',
  'parem',
  'para',
  'cancelar',
  'cancela',
  'cancele',
  'descadastrar',
  'descadastre',
  'descadastra',
  'remover',
  'remova',
  'remove',
  'stop',
  'unsubscribe',
  'nao quero mais',
  'nao quero receber',
  'nao envie mais',
  'nao mande mais',
  'sair da lista',
  'me tira da lista',
  'me tire da lista',
  'quero sair',
  'quero parar',
  'opt out',
  'optout',
])

const LIST =
  '(?:lista|listas|base|cadastro|contatos|grupo|grupo de envio|envios|disparos|mailing|whatsapp de voces)'
const OF = '(?:d[ao]s?|dess[ae]s?|dest[ae]s?|nest[ae]s?)'
const SEND =
  '(?:mandar|mandarem|mande|manda|mandem|envie|envia|enviem|enviar|enviarem|chamar|escrever|encher o saco|incomodar|perturbar)'
const TAKE =
  '(?:tira|tire|tirem|tirar|remove|remova|removam|remover|exclui|exclua|excluam|excluir|apaga|apague|apaguem|apagar|retira|retire|retirar|descadastra|descadastre|descadastrem|descadastrar|deleta|delete|deletar)'
const MY_NUMBER = '(?:meu numero|meu contato|meu telefone|meu zap|meu whatsapp|meu cadastro|meus dados)'
/** A list named at the end of the reply ("sair dessa lista de transmissão"), not "sair do grupo da família". */
const LIST_END = `${LIST}(?: de (?:voces|transmissao|envio|contatos|mensagens|promocoes|ofertas))?$`
const MAILING = '(?:lista|listas|base|cadastro|mailing|lista de transmissao)'

/** Phrases that ask to stop. Matched on the reply without fillers; `$` means "and nothing after it". */
const PHRASES: [string, RegExp][] = [
  [
    'wantOut',
    new RegExp(
      `\\b(?:quero|queria|gostaria de|desejo) (?:muito )?(?:sair(?: ${OF} ${LIST_END}| daqui$| disso$)?$|parar$|sair ${OF} ${MAILING}\\b|ser (?:removid|descadastrad|excluid|retirad)[oa]|me descadastrar|cancelar(?: isso| tudo| o recebimento| as mensagens| a inscricao| o cadastro)?$)`,
    ),
  ],
  ['stopReceiving', /\b(?:parar|deixar) de receber\b/],
  [
    'noMore',
    /\bnao (?:quero|desejo|tenho interesse em|gostaria de) (?:mais )?(?:receber|mensagens?|essas mensagens|esse tipo de mensagem)\b/,
  ],
  ['noMoreEnd', /\bnao (?:quero|desejo) mais$/],
  ['stopSending', new RegExp(`\\b(?:para|pare|parem|parar|chega) de (?:me )?${SEND}\\b`)],
  ['dontSend', new RegExp(`\\bnao (?:me )?${SEND} (?:mais|nada mais|mais nada|nunca mais)\\b`)],
  ['dontWantSend', new RegExp(`\\bnao quero que (?:voces |voce )?(?:me )?${SEND}\\b`)],
  ['neverSend', new RegExp(`\\bnunca mais (?:me )?${SEND}\\b`)],
  ['takeMeOff', new RegExp(`\\b(?:me )?${TAKE} (?:o )?(?:me |${MY_NUMBER} )?${OF} ${LIST}\\b`)],
  ['takeMe', new RegExp(`\\b(?:me ${TAKE}(?: daqui| disso| fora)?$|${TAKE} (?:o )?${MY_NUMBER})`)],
  [
    'canStop',
    /^(?:pode|podem|pode me|podem me) (?:parar|cancelar|tirar|remover|excluir|descadastrar)(?: de (?:mandar|enviar))?$/,
  ],
  ['outOfList', new RegExp(`\\bsair ${OF} ${MAILING}\\b`)],
  [
    'cancelSubscription',
    /\bcancel(?:ar|a|e|o) (?:a |minha |o |meu |as |os )?(?:inscricao|assinatura|recebimento|cadastro|envio|envios|mensagens|notificacoes)\b/,
  ],
  ['unsubscribe', /\b(?:descadastr\w*|unsubscribe|opt out|optout)\b/],
]

/** Words that deserve a person's look when the reply is not a plain request. */
const DOUBT_WORDS: [string, RegExp][] = [
  ['mentionsLeaving', /\b(?:sair|parar|pare|parem|stop|cancelar|cancela|remover|remova|excluir|exclua)\b/],
  ['blockOrReport', /\b(?:bloque\w*|denunci\w*|spam|procon|lgpd|processar|policia)\b/],
  [
    'enough',
    /\b(?:chega|para com isso|parem com isso|me deixa em paz|me deixem em paz|nao (?:me )?perturb\w*|perturb\w*|to fora|estou fora|que saco|enche o saco|encher o saco|inconveniente|insuportavel)\b/,
  ],
  [
    'whoGaveNumber',
    /\b(?:quem (?:te |lhe )?(?:deu|passou|forneceu) (?:o )?meu (?:numero|contato|telefone)|como (?:voces |voce )?(?:conseguiu|conseguiram|pegou|pegaram|tem) (?:o )?meu (?:numero|contato|telefone)|nao autorizei|nao pedi (?:isso|nada|para receber|pra receber)|nao (?:me )?cadastrei|numero errado|engano)\b/,
  ],
  [
    'notInterested',
    /\b(?:nao tenho (?:mais )?interesse|nao me interessa|sem interesse|nao interessa)\b|^nao quero$/,
  ],
]

const NEGATIONS = new Set(['nao', 'nunca', 'nem', 'jamais'])
/** "Não quero sair", "não precisa me tirar": a negation in the two words before the match turns it around. */
function negatedAt(text: string, index: number): boolean {
  const before = text.slice(0, index).trim().split(' ').slice(-2)
  return before.some((w) => NEGATIONS.has(w))
}

function firstMatch(text: string, rules: [string, RegExp][]): { rule: string; negated: boolean } | null {
  for (const [rule, re] of rules) {
    const m = re.exec(text)
    if (m) return { rule, negated: negatedAt(text, m.index) }
  }
  return null
}

/** Reads a reply: opt out at once, ask a person, or nothing. */
export function optOutIntent(raw: string): OptOutIntent {
  // "Não, pode parar" / "Não. Sair": a "não" that answers the message does not negate what follows.
  const answered = raw.replace(/^\s*n[aã]o\s*[,.;:!]+/i, ' ')
  const tokens = tokensOf(answered)
  const text = withoutFillers(tokens)
  if (text.length === 0) return { decision: 'none', rule: 'empty' }
  if (text.length <= 40 && KEYWORDS.has(text)) return { decision: 'optOut', rule: 'keyword' }
  const phrase = firstMatch(text, PHRASES)
  if (phrase && !phrase.negated) {
    // A question or a condition about leaving is not yet a request: "se eu sair perco o desconto?"
    const asks =
      raw.includes('?') ||
      /\b(?:se|caso) eu\b|\b(?:como faco|como faz|como que|da pra|tem como)\b/.test(tokens)
    return { decision: asks || raw.length > 300 ? 'doubtful' : 'optOut', rule: phrase.rule }
  }
  if (phrase) return { decision: 'none', rule: 'negated' }
  const doubt = firstMatch(text, DOUBT_WORDS)
  if (doubt && !doubt.negated) return { decision: 'doubtful', rule: doubt.rule }
  return { decision: 'none', rule: doubt ? 'negated' : 'none' }
}

/** True when the reply is certainly an opt-out request (opted out at once). */
export function isOptOutMessage(text: string): boolean {
  return optOutIntent(text).decision === 'optOut'
}
