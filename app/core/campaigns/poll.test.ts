// Polls in the composer (decision 038): 2..12 unique options (after trim and case-fold), the question's
// length, no attachment — checked by the composer's own schema as the form posts it (no JS).
import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n'
import { ComposerSchema } from './composer-schema'
import { matchVote, pollProblems, pollSpecOf, tallyVotes } from './poll'

const base = {
  intent: 'launch',
  name: 'Pesquisa',
  listId: 'lst_1',
  'texts[0]': 'Oi {{nome}}, qual horário prefere?',
  sessionIds: 'wses_1',
  minDelayS: '30',
  maxDelayS: '60',
  maxPerMinute: '10',
  dailyCap: '500',
  windowDays: '1',
  windowStart: '08:00',
  windowEnd: '20:00',
  pollOn: 'on',
}

function submit(options: string[], extra: Record<string, string> = {}) {
  const fd = new FormData()
  for (const [k, v] of Object.entries({ ...base, ...extra })) fd.append(k, v)
  // The page always posts its 12 option inputs; the blank ones are ignored.
  for (let i = 0; i < 12; i++) fd.append(`pollOptions[${i}]`, options[i] ?? '')
  const s = parseWithZod(fd, { schema: ComposerSchema })
  return { submission: s, errors: s.status === 'success' ? {} : (s.error ?? {}) }
}

describe('the composer refuses a bad poll, saying what to fix', () => {
  it('should accept 2 options, single or multiple answers, and store them trimmed', () => {
    const { submission } = submit([' Manhã ', '', 'Tarde'], { pollMultiple: 'on' })
    expect(submission.status).toBe('success')
    const value = submission.status === 'success' ? submission.value : {}
    expect(pollSpecOf(value)).toEqual({ options: ['Manhã', 'Tarde'], multipleAnswers: true })
    expect(pollSpecOf({ ...value, pollOn: false })).toBeNull()
  })

  it('should refuse 1 option, 13 options and duplicates (case and spaces do not count)', () => {
    expect(submit(['Sim']).errors).toMatchObject({ pollOptions: ['polls.errors.tooFew'] })
    expect(translate('pt-BR', 'polls.errors.tooFew')).toMatch(/pelo menos 2 opções/)
    expect(translate('en', 'polls.errors.tooFew')).toMatch(/at least 2 options/)
    // 13 options: the page has 12 inputs, a crafted post can carry more.
    const fd = new FormData()
    for (const [k, v] of Object.entries(base)) fd.append(k, v)
    for (let i = 0; i < 13; i++) fd.append(`pollOptions[${i}]`, `Opção ${i}`)
    const s = parseWithZod(fd, { schema: ComposerSchema })
    expect(s.status === 'success' ? {} : s.error).toMatchObject({ pollOptions: ['polls.errors.tooMany'] })
    expect(submit(['Sim', ' sim ', 'Não']).errors).toMatchObject({
      'pollOptions[1]': ['polls.errors.duplicate'],
    })
    expect(submit(['Sim', 'x'.repeat(101)]).errors).toMatchObject({
      'pollOptions[1]': ['polls.errors.optionTooLong'],
    })
  })

  it('should refuse an attachment and a question over 255 characters', () => {
    expect(submit(['A', 'B'], { mediaKey: 'media/t/x.jpg' }).errors).toMatchObject({
      pollOptions: ['polls.errors.withMedia'],
    })
    expect(submit(['A', 'B'], { 'texts[0]': 'x'.repeat(256) }).errors).toMatchObject({
      'texts[0]': ['polls.errors.questionTooLong'],
    })
    // Without the poll ticked, the options are not checked at all.
    expect(submit(['Sim'], { pollOn: '' }).submission.status).toBe('success')
  })
})

describe('votes and tallies', () => {
  const poll = { options: ['Manhã', 'Tarde', 'Noite'], multipleAnswers: true }
  it('should match options by their text (case-insensitive), in the poll’s order, counting unknown ones', () => {
    expect(matchVote(poll, ['noite', 'Manhã', 'Madrugada'])).toEqual({
      options: ['Manhã', 'Noite'],
      unknown: 1,
    })
    expect(pollProblems(['a', 'b'])).toEqual([])
  })
  it('should count people per option; a withdrawn vote counts nobody', () => {
    expect(tallyVotes(poll, [['Manhã'], ['Manhã', 'Noite'], []])).toEqual({
      options: [
        { option: 'Manhã', votes: 2 },
        { option: 'Tarde', votes: 0 },
        { option: 'Noite', votes: 1 },
      ],
      voters: 2,
    })
  })
})
