import { describe, expect, it } from 'vitest'
import {
  applyAck,
  assertTransition,
  CAMPAIGN_STATUSES,
  type CampaignStatus,
  CampaignTransitionError,
  campaignStatusLabel,
  canMessageTransition,
  canTransition,
  isCampaignStatus,
  isMessageStatus,
  MESSAGE_STATUSES,
  type MessageStatus,
  messageStatusLabel,
  nextCampaignStatuses,
  SETTLED_MESSAGE_STATUSES,
  TERMINAL_CAMPAIGN_STATUSES,
  TERMINAL_MESSAGE_STATUSES,
  transitionError,
  type WahaAck,
} from './status'

const LEGAL_CAMPAIGN = new Set([
  'draft>scheduled',
  'draft>running',
  'draft>cancelled',
  'scheduled>running',
  'scheduled>draft',
  'scheduled>cancelled',
  'running>paused',
  'running>finished',
  'running>cancelled',
  'paused>running',
  'paused>finished',
  'paused>cancelled',
])

const campaignPairs = CAMPAIGN_STATUSES.flatMap((from) =>
  CAMPAIGN_STATUSES.map((to) => [from, to, LEGAL_CAMPAIGN.has(`${from}>${to}`)] as const),
)

describe('campaign status machine', () => {
  it.each(campaignPairs)('should decide %s -> %s is legal: %s', (from, to, legal) => {
    expect(canTransition(from, to)).toBe(legal)
    expect(nextCampaignStatuses(from).includes(to)).toBe(legal)
    if (legal) {
      expect(transitionError(from, to)).toBeNull()
      expect(() => assertTransition(from, to)).not.toThrow()
    } else {
      expect(transitionError(from, to)).toMatch(/campanha/)
      expect(() => assertTransition(from, to)).toThrow(CampaignTransitionError)
    }
  })

  it('should have no way out of terminal statuses', () => {
    for (const s of TERMINAL_CAMPAIGN_STATUSES) expect(nextCampaignStatuses(s)).toEqual([])
  })

  it('should explain illegal moves in pt-BR', () => {
    expect(transitionError('finished', 'running')).toBe(
      'Não é possível mudar a campanha de "concluída" para "enviando". A campanha já foi concluída; crie uma nova para enviar de novo.',
    )
    expect(transitionError('draft', 'paused')).toBe(
      'Não é possível mudar a campanha de "rascunho" para "pausada". A partir de "rascunho" ela só pode ir para: "agendada", "enviando", "cancelada".',
    )
    expect(transitionError('paused', 'paused')).toBe('A campanha já está com status "pausada".')
    expect(transitionError('bogus' as CampaignStatus, 'draft')).toBe('Status de campanha desconhecido.')
    expect(canTransition('bogus' as CampaignStatus, 'draft')).toBe(false)
  })

  it('should carry from/to on the thrown error', () => {
    try {
      assertTransition('cancelled', 'draft')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CampaignTransitionError)
      expect((e as CampaignTransitionError).from).toBe('cancelled')
      expect((e as CampaignTransitionError).to).toBe('draft')
    }
  })

  it.each([
    ['running', 'pt-BR', 'Enviando'],
    ['finished', 'pt-BR', 'Concluída'],
    ['draft', 'en', 'Draft'],
    ['cancelled', 'en-US', 'Cancelled'],
    ['scheduled', 'fr', 'Agendada'],
  ] as const)('should label %s in %s as %s', (status, locale, label) => {
    expect(campaignStatusLabel(status, locale)).toBe(label)
  })

  it('should label every status in both locales', () => {
    for (const s of CAMPAIGN_STATUSES) {
      expect(campaignStatusLabel(s, 'pt-BR')).toBeTruthy()
      expect(campaignStatusLabel(s, 'en')).toBeTruthy()
    }
  })

  it.each([
    ['draft', true],
    ['Draft', false],
    ['', false],
    [null, false],
    [3, false],
  ])('should recognise %j as a campaign status: %s', (value, ok) => {
    expect(isCampaignStatus(value)).toBe(ok)
  })
})

const LEGAL_MESSAGE: Record<MessageStatus, MessageStatus[]> = {
  pending: ['queued', 'failed', 'skipped'],
  queued: ['sending', 'failed', 'skipped'],
  sending: ['queued', 'sent', 'delivered', 'read', 'failed', 'unknown'],
  sent: ['delivered', 'read', 'failed'],
  delivered: ['read'],
  read: [],
  unknown: ['sent', 'delivered', 'read', 'failed', 'queued'],
  failed: [],
  skipped: [],
}

const messagePairs = MESSAGE_STATUSES.flatMap((from) =>
  MESSAGE_STATUSES.map((to) => [from, to, LEGAL_MESSAGE[from].includes(to)] as const),
)

describe('message status machine', () => {
  it.each(messagePairs)('should decide %s -> %s is legal: %s', (from, to, legal) => {
    expect(canMessageTransition(from, to)).toBe(legal)
  })

  it('should never allow a move out of a terminal status', () => {
    for (const from of TERMINAL_MESSAGE_STATUSES) {
      for (const to of MESSAGE_STATUSES) expect(canMessageTransition(from, to)).toBe(false)
    }
  })

  it('should list as settled exactly the statuses with no send work left', () => {
    expect([...SETTLED_MESSAGE_STATUSES].sort()).toEqual(
      ['delivered', 'failed', 'read', 'sent', 'skipped', 'unknown'].sort(),
    )
  })

  it('should label every message status in both locales', () => {
    expect(messageStatusLabel('unknown')).toBe('Sem confirmação')
    expect(messageStatusLabel('read', 'en')).toBe('Read')
    for (const s of MESSAGE_STATUSES) {
      expect(messageStatusLabel(s, 'pt-BR')).not.toBe(s)
      expect(messageStatusLabel(s, 'en')).toBeTruthy()
    }
  })

  it('should recognise message statuses', () => {
    expect(isMessageStatus('unknown')).toBe(true)
    expect(isMessageStatus('clicked')).toBe(false)
  })
})

describe('applyAck', () => {
  const cases: Array<[MessageStatus, WahaAck, MessageStatus]> = [
    ['sending', 'SERVER', 'sent'],
    ['sending', 1, 'sent'],
    ['sent', 'SERVER', 'sent'],
    ['sent', 'DEVICE', 'delivered'],
    ['sent', 2, 'delivered'],
    ['sent', 'READ', 'read'],
    ['sent', 'PLAYED', 'read'],
    ['sent', 4, 'read'],
    ['delivered', 'READ', 'read'],
    ['delivered', 'SERVER', 'delivered'],
    ['read', 'DEVICE', 'read'],
    ['read', 'SERVER', 'read'],
    ['read', 'READ', 'read'],
    ['unknown', 'SERVER', 'sent'],
    ['unknown', 'DEVICE', 'delivered'],
    ['unknown', 'READ', 'read'],
    ['unknown', 'PENDING', 'unknown'],
    ['sending', 'ERROR', 'failed'],
    ['sending', -1, 'failed'],
    ['sent', 'ERROR', 'failed'],
    ['unknown', 'ERROR', 'failed'],
    ['delivered', 'ERROR', 'delivered'],
    ['read', 'ERROR', 'read'],
    ['sent', 'PENDING', 'sent'],
    ['sent', 0, 'sent'],
    ['sent', 'UNKNOWN', 'sent'],
    ['sent', 99, 'sent'],
    ['pending', 'READ', 'pending'],
    ['queued', 'SERVER', 'queued'],
    ['failed', 'READ', 'failed'],
    ['skipped', 'DEVICE', 'skipped'],
  ]
  it.each(cases)('should move %s with ack %s to %s', (current, ack, next) => {
    expect(applyAck(current, ack)).toBe(next)
  })

  it('should end at read when READ arrives before DEVICE', () => {
    let s: MessageStatus = 'sent'
    for (const ack of ['READ', 'DEVICE', 'SERVER'] as const) s = applyAck(s, ack)
    expect(s).toBe('read')
  })

  it('should only produce legal transitions for every status and ack', () => {
    const acks: WahaAck[] = [-1, 0, 1, 2, 3, 4, 'UNKNOWN']
    for (const from of MESSAGE_STATUSES) {
      for (const ack of acks) {
        const to = applyAck(from, ack)
        if (to !== from) expect(canMessageTransition(from, to)).toBe(true)
      }
    }
  })
})
