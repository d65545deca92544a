// The deliveries of `npm run bench:webhooks`: every ack of every sent message as WAHA signs and sends
// it (GOWS shape, CONTRACT §7), shuffled, with a share sent a second time byte for byte (a WAHA retry).
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import path from 'node:path'
import { bin, root } from './support'
import type { FireReport, PreparedRequest } from './webhooks-fire'

/** Fires the prepared requests in `file` at `url` from a second process (webhooks-fire.ts); its report. */
export function fire(file: string, url: string): Promise<FireReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('tsx'), [path.join(import.meta.dirname, 'webhooks-fire.ts'), file, url], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`firing process exited with ${code}: ${out}`))
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as FireReport)
      } catch (error) {
        reject(error)
      }
    })
  })
}

export interface Outbox {
  phone: string
  wahaId: string
  sentAt: number
}

export interface DeliveryOptions {
  sessionId: string
  sessionName: string
  tenantId: string
  secret: string
  duplicateShare: number
  random: () => number
}

const ME = {
  id: '5511999990000@c.us',
  pushName: 'Loja Bench',
  lid: '150000000000001@lid',
  jid: '5511999990000:12@s.whatsapp.net',
}
const ACKS = [
  { ack: 1, ackName: 'SERVER', type: 'sender', after: 1_000 },
  { ack: 2, ackName: 'DEVICE', type: '', after: 5_000 },
  { ack: 3, ackName: 'READ', type: 'read', after: 60_000 },
] as const

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

/** `evt_` + a lower-case ULID: 10 time chars + 16 random chars (unique by construction of `seen`). */
function envelopeId(ms: number, random: () => number, seen: Set<string>): string {
  for (;;) {
    let time = ''
    for (let t = ms, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time
    let rand = ''
    for (let i = 0; i < 16; i++) rand += CROCKFORD[Math.floor(random() * 32)]
    const id = `evt_${time}${rand}`
    if (!seen.has(id)) {
      seen.add(id)
      return id
    }
  }
}

/** Every ack of every message as a signed WAHA delivery, shuffled, with 5% sent a second time. */
export function buildRequests(
  outbox: Outbox[],
  o: DeliveryOptions,
): { requests: PreparedRequest[]; duplicates: number } {
  const random = o.random
  const seen = new Set<string>()
  const unique: PreparedRequest[] = []
  for (const m of outbox) {
    const chat = m.wahaId.split('_')[1]!
    const key = m.wahaId.split('_')[2]!
    for (const a of ACKS) {
      const at = m.sentAt + a.after
      const id = envelopeId(at, random, seen)
      const envelope = {
        id,
        timestamp: at,
        event: 'message.ack',
        session: o.sessionName,
        metadata: { 'tenant.id': o.tenantId },
        me: ME,
        payload: {
          id: m.wahaId,
          from: chat,
          to: null,
          participant: null,
          fromMe: true,
          ack: a.ack,
          ackName: a.ackName,
          _data: {
            Chat: chat.replace('@c.us', '@s.whatsapp.net'),
            Sender: chat.replace('@c.us', '@s.whatsapp.net'),
            IsFromMe: false,
            IsGroup: false,
            MessageIDs: [key],
            Timestamp: new Date(at).toISOString().replace(/\.\d+Z$/, 'Z'),
            Type: a.type,
          },
        },
        engine: 'GOWS',
        environment: {
          version: '2026.7.1',
          engine: 'GOWS',
          tier: 'CORE',
          browser: null,
          platform: 'linux/x64',
          worker: { id: null },
        },
      }
      const body = JSON.stringify(envelope)
      unique.push({
        path: `/webhooks/waha/${o.sessionId}`,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'WAHA/2026.7.1',
          'x-webhook-request-id': id.slice(4).replace(/[^0-9a-z]/g, ''),
          'x-webhook-timestamp': String(at),
          'x-webhook-hmac': createHmac('sha512', o.secret).update(Buffer.from(body, 'utf8')).digest('hex'),
          'x-webhook-hmac-algorithm': 'sha512',
        },
      })
    }
  }
  const duplicates = Math.round(unique.length * o.duplicateShare)
  const order = unique.map((_, i) => i)
  shuffle(order, random)
  // A WAHA retry repeats the delivery byte for byte (same envelope id and request id).
  const requests = [...unique, ...order.slice(0, duplicates).map((i) => unique[i]!)]
  shuffle(requests, random)
  return { requests, duplicates }
}

function shuffle<T>(xs: T[], random: () => number) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
}
