/**
 * "O celular": a server-rendered page at /_sim/ (and / redirects there) showing each session with
 * its QR code and an "Escanear" button, what every contact received (text, image, caption, ticks)
 * and forms to answer as a contact. Plain forms posting to the control API; works without JS.
 * Everything shown is escaped by `h`.
 */
import type { Hono } from 'hono'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { type ReputationState, sessionReputation } from './reputation-store'
import { engineOf, type Sim } from './sim-state'
import type { SessionStatus, SimMessage, SimSession } from './types'

class Safe {
  constructor(readonly html: string) {}
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Safe) return value.html
  if (Array.isArray(value)) return value.map(render).join('')
  return String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** Tagged template that escapes every interpolated value except nested `h` results. */
function h(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new Safe(out)
}

const STATUS_LABELS: Record<SessionStatus, string> = {
  STOPPED: 'Parada',
  STARTING: 'Iniciando…',
  SCAN_QR_CODE: 'Aguardando a leitura do QR code',
  PASSKEY_REQUIRED: 'Aguardando passkey',
  PASSKEY_CONFIRMATION_REQUIRED: 'Aguardando confirmação da passkey',
  WORKING: 'Conectada',
  FAILED: 'Falhou',
}

const ACK_LABELS: Record<number, string> = {
  [-1]: '⚠ erro no envio',
  0: '🕓 pendente',
  1: '✓ enviada',
  2: '✓✓ entregue',
  3: '✓✓ lida',
  4: '✓✓ reproduzida',
}

/**
 * A number as people write it, with the country code: Brazilian ones as +55 11 98888-1234 (also the
 * old 8-digit mobiles, +55 11 8888-1234), others in libphonenumber's international format.
 */
export function displayPhone(digits: string): string {
  const br = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(digits)
  if (br) return `+55 ${br[1]} ${br[2]}-${br[3]}`
  const parsed = parsePhoneNumberFromString(`+${digits}`)
  return parsed?.isValid() ? parsed.formatInternational() : `+${digits}`
}

/** A chat id for people: the phone number (a @lid chat with the number behind it, when known). */
function displayChat(sim: Sim, chatId: string): string {
  const phone = /^(\d+)@(c\.us|s\.whatsapp\.net)$/.exec(chatId)
  if (phone) return displayPhone(phone[1]!)
  const behind = chatId.endsWith('@lid') ? sim.knownLids.get(chatId) : undefined
  return behind ? `${displayPhone(behind)} (${chatId})` : chatId
}

const time = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString('pt-BR', {
    timeZone: 'America/Sao_Paulo',
    hour: '2-digit',
    minute: '2-digit',
  })

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#ece5dd;color:#111}
header{background:#075e54;color:#fff;padding:1rem 1.5rem}header a{color:#fff}
main{padding:1rem 1.5rem;display:grid;grid-template-columns:minmax(0,1fr);gap:1.5rem}
section{background:#fff;border-radius:8px;padding:1rem 1.25rem}
.chats{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(320px,100%),1fr))}
article{border:1px solid #ddd;border-radius:8px;padding:.75rem;background:#f7f7f7}
article label{display:block;margin:.25rem 0}
.msg{max-width:85%;margin:.4rem 0;padding:.4rem .6rem;border-radius:6px;white-space:pre-wrap;word-wrap:break-word}
.out{background:#dcf8c6;margin-left:auto}.in{background:#fff}
.meta{font-size:.75rem;color:#555;display:block;text-align:right}.read{color:#34b7f1}
fieldset.poll{border:1px solid #9bc;border-radius:6px;white-space:normal}fieldset.poll label{display:block}
.warn{display:block;color:#a33;font-size:.8rem}form{margin:.5rem 0}input[type=text],input[type=tel]{padding:.3rem;min-width:12rem;max-width:100%}
code{overflow-wrap:anywhere}.tel{white-space:nowrap}
button{padding:.3rem .7rem;cursor:pointer}.inline{display:inline}
@media (max-width:40rem){header,main{padding:.75rem}section{padding:.75rem}}
.rep-restricted-new-contacts,.rep-not-delivering{color:#8a5300}.rep-failed{color:#a33}`

const REPUTATION_LABELS: Record<ReputationState, string> = {
  ok: 'saudável',
  'restricted-new-contacts': 'bloqueado para contatos novos (erro 463)',
  'not-delivering': 'mensagens não chegam (ficam em ✓)',
  failed: 'banido: sessão FAILED até reiniciar ou parear de novo',
}

/** The number's reputation and state, only while the model is on. */
function reputationView(sim: Sim, session: SimSession): Safe | '' {
  if (!sim.reputation.config.enabled) return ''
  const r = sessionReputation(sim, session)
  if (!r.number) return ''
  return h`<p class="rep rep-${r.state}">Reputação do número: <strong>${Math.round(r.value)}</strong>/100 · ${REPUTATION_LABELS[r.state]}</p>`
}

/** Under a contact's message: edit it or delete it for everyone (message.edited / message.revoked). */
function changeForms(session: SimSession, message: SimMessage): Safe | '' {
  if (message.fromMe || message.revoked) return ''
  const base = `/_sim/sessions/${encodeURIComponent(session.name)}`
  return h`<form class="inline" method="post" action="${base}/edit"><input type="hidden" name="messageId" value="${message.id}"><input type="text" name="text" aria-label="Novo texto" placeholder="Editar para…"><button type="submit">Editar</button></form>
<form class="inline" method="post" action="${base}/revoke"><input type="hidden" name="messageId" value="${message.id}"><button type="submit">Apagar para todos</button></form>`
}

/** The file of a message as the phone shows it: the picture, the document's name, a player. */
function mediaView(message: SimMessage): Safe | '' {
  const src = `/_sim/media/${encodeURIComponent(message.id)}`
  const info = message.media
  const size = info ? ` · ${Math.max(1, Math.round(info.size / 1024))} KB` : ''
  switch (message.type) {
    case 'image':
      return h`<img src="${src}" alt="Imagem" width="160"><br>`
    case 'document':
      return h`<span class="doc" data-kind="document">📄 <a href="${src}" download="${info?.filename ?? 'documento'}">${info?.filename ?? 'documento'}</a><span class="meta">${info?.mimetype ?? ''}${size}</span></span><br>`
    case 'video':
      return h`<video src="${src}" controls preload="metadata" width="200" data-kind="video"></video><br><span class="meta">Vídeo${size}</span><br>`
    case 'voice':
      return h`<span data-kind="voice">🎤 Mensagem de voz${message.convert ? ' (convertida pelo WAHA)' : ''}</span><br><audio src="${src}" controls preload="metadata"></audio><br>`
    default:
      return ''
  }
}

/**
 * A poll as the phone shows it: the question, the options (the contact's choice marked) and a form to
 * vote — radio buttons for one answer, checkboxes for several; none chosen takes the vote back.
 */
function pollView(session: SimSession, message: SimMessage): Safe | '' {
  const poll = message.poll
  if (!poll) return ''
  const action = `/_sim/sessions/${encodeURIComponent(session.name)}/vote`
  const kind = poll.multipleAnswers ? 'checkbox' : 'radio'
  const options = poll.options.map((option, i) => {
    const name = poll.multipleAnswers ? `o${i}` : 'choice'
    const checked = poll.selected.includes(option) ? new Safe(' checked') : ''
    return h`<label><input type="${kind}" name="${name}" value="${poll.multipleAnswers ? 'on' : String(i)}"${checked}> ${option}</label>`
  })
  const form = message.delivered
    ? h`<form method="post" action="${action}" data-poll="${message.id}"><input type="hidden" name="pollId" value="${message.id}">${options}
<label><input type="checkbox" name="asLid"> votar como @lid</label>
<button type="submit">Votar</button> <button type="submit" name="failed" value="on">Voto que falha (poll.vote.failed)</button></form>`
    : ''
  return h`<fieldset class="poll"><legend>📊 Enquete${poll.multipleAnswers ? ' (várias respostas)' : ' (uma resposta)'}</legend><strong>${message.body}</strong>${form || h`<ul>${poll.options.map((o) => h`<li>${o}</li>`)}</ul>`}${poll.selected.length > 0 ? h`<span class="meta" data-voted="${poll.selected.join(' | ')}">voto: ${poll.selected.join(', ')}</span>` : ''}</fieldset>`
}

function messageView(session: SimSession, message: SimMessage): Safe {
  const media = mediaView(message)
  const ack = message.fromMe
    ? h` · <span class="${message.ack >= 3 ? 'read' : ''}">${ACK_LABELS[message.ack] ?? message.ack}</span>`
    : ''
  const lost =
    message.fromMe && !message.delivered && message.ack >= 0
      ? h`<span class="warn">não chegou a nenhum celular (número fora do WhatsApp, variante errada do 9º dígito ou falha simulada)</span>`
      : ''
  const quoted = message.replyTo ? h`<em>↪ “${message.replyTo.body}”</em><br>` : ''
  const body = message.revoked
    ? h`<em>Mensagem apagada</em>`
    : message.poll
      ? pollView(session, message)
      : message.body
  const edited = message.edited && !message.revoked ? ' · editada' : ''
  // Approximation: WhatsApp would fetch the link's title and picture; the page only says it was asked for.
  const preview =
    message.type === 'text' && message.linkPreview && /https?:\/\//.test(message.body)
      ? h`<span class="meta" data-link-preview="on">prévia do link</span>`
      : ''
  return h`<div class="msg ${message.fromMe ? 'out' : 'in'}">${quoted}${media}${body}${preview}${lost}<span class="meta">${time(message.timestamp)}${edited}${ack}</span>${changeForms(session, message)}</div>`
}

function chatView(sim: Sim, session: SimSession, chatId: string, messages: SimMessage[]): Safe {
  const name = messages.find((m) => !m.fromMe)?.pushName
  const action = `/_sim/sessions/${encodeURIComponent(session.name)}/reply`
  return h`<article><h3><span class="tel">${displayChat(sim, chatId)}</span>${name ? ` (${name})` : ''}</h3>${messages.map((m) => messageView(session, m))}
<form method="post" action="${action}">
<input type="hidden" name="from" value="${chatId}">
<label>Resposta do contato <input type="text" name="text" placeholder="Escreva a resposta…"></label>
<label><input type="checkbox" name="quote"> citar a última mensagem</label>
<label><input type="checkbox" name="asLid"> enviar como @lid</label>
<button type="submit">Responder</button>
<button type="submit" name="quick" value="SAIR">Responder SAIR</button>
</form></article>`
}

function sessionView(sim: Sim, session: SimSession): Safe {
  const base = `/_sim/sessions/${encodeURIComponent(session.name)}`
  const chats = new Map<string, SimMessage[]>()
  for (const message of session.messages)
    chats.set(message.chatId, [...(chats.get(message.chatId) ?? []), message])
  const qr =
    session.status === 'SCAN_QR_CODE' && session.qr
      ? h`<p><img src="${base}/qr.png?r=${session.qr.rotations}" alt="QR code da sessão ${session.name}" width="264" height="264"></p>
<form method="post" action="${base}/scan"><label>Número do celular que escaneia (opcional) <input type="tel" name="phone" placeholder="+55 11 99999-0000"></label>
<button type="submit">Escanear</button></form>
${
  session.pairingCode
    ? h`<p>Código de pareamento pedido para ${displayPhone(session.pairingCode.phone.replace(/\D/g, ''))}: <strong>${session.pairingCode.code}</strong></p>
<form method="post" action="${base}/scan"><button type="submit">Confirmar código no celular</button></form>`
    : ''
}`
      : ''
  const failureForm = (kind: string, label: string) =>
    h`<form class="inline" method="post" action="/_sim/failures"><input type="hidden" name="session" value="${session.name}"><input type="hidden" name="kind" value="${kind}"><button type="submit">${label}</button></form> `
  const working =
    session.status === 'WORKING' && session.paired
      ? h`<p>Conectada como <strong class="tel">${displayChat(sim, session.paired.id)}</strong> (${session.paired.pushName}).</p>
<p>${failureForm('disconnect', 'Simular queda de conexão')}${failureForm('session-failed', 'Simular falha (FAILED)')}${failureForm('logged-out', 'Desconectar o aparelho')}</p>`
      : ''
  const newChat =
    session.status === 'WORKING'
      ? h`<form method="post" action="${base}/reply"><strong>Mensagem de um contato novo:</strong>
<label>número <input type="tel" name="from" placeholder="+55 11 98888-7777"></label>
<label>texto <input type="text" name="text"></label><button type="submit">Enviar</button></form>`
      : ''
  return h`<section id="s-${session.name}"><h2>${session.name}</h2>
<p>Status: <strong>${STATUS_LABELS[session.status]}</strong> · motor ${engineOf(sim, session)}</p>
${reputationView(sim, session)}
${qr}${working}
${chats.size > 0 ? h`<div class="chats">${[...chats].map(([chatId, messages]) => chatView(sim, session, chatId, messages))}</div>` : h`<p>Nenhuma mensagem ainda.</p>`}
${newChat}</section>`
}

/** The tab's icon, inline: a phone on WhatsApp green (so the browser asks for no /favicon.ico). */
const ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#075e54"/><rect x="10" y="5" width="12" height="22" rx="2.5" fill="#fff"/><rect x="12" y="8" width="8" height="14" fill="#25d366"/></svg>',
)}`

function renderPhonePage(sim: Sim, origin: string, autoRefresh: boolean): string {
  const sessions = [...sim.sessions.values()]
  const page = h`<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${autoRefresh ? h`<meta http-equiv="refresh" content="3">` : ''}
<link rel="icon" href="${ICON}"><title>Simulador WAHA — o celular</title><style>${new Safe(STYLE)}</style></head><body>
<header><h1>Simulador WAHA — o celular</h1>
<p>API do WAHA em <code>${origin}</code>${sim.apiKey ? h` com a chave <code>${sim.apiKey}</code>` : ''}. Crie a sessão no Disparo, depois clique em “Escanear”.</p>
<p><a href="/_sim/">Atualizar</a> · ${autoRefresh ? h`<a href="/_sim/">Parar de atualizar sozinho</a>` : h`<a href="/_sim/?auto=1">Atualizar a cada 3 s</a>`}</p></header>
<main>${sessions.length > 0 ? sessions.map((s) => sessionView(sim, s)) : h`<section><p>Nenhuma sessão ainda. Crie uma no Disparo (ou com <code>POST /api/sessions</code>).</p></section>`}
<section><form method="post" action="/_sim/reset"><button type="submit">Zerar o simulador</button> (apaga sessões, mensagens e falhas)</form></section>
</main></body></html>`
  return page.html
}

export function registerPhonePage(app: Hono, sim: Sim) {
  app.get('/', (c) => c.redirect('/_sim/', 302))
  app.get('/_sim', (c) => c.redirect('/_sim/', 302))
  app.get('/_sim/', (c) =>
    c.html(renderPhonePage(sim, new URL(c.req.url).origin, c.req.query('auto') === '1')),
  )
}
