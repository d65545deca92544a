import { describe, expect, it } from 'vitest'
import { type StepInput, stepInputOf, stepMessage, stepProblems, stepsOf } from './steps'
import { ADD_STEP, aiUseStepIntent, applyStepIntent, removeStepIntent } from './steps-form'

const text = (over: StepInput = {}): StepInput => ({
  kind: 'text',
  texts: ['Oi de novo'],
  delayValue: 2,
  delayUnit: 'days',
  audience: 'no_reply',
  ...over,
})
const codes = (steps: StepInput[], firstPoll: string[] | null = null) =>
  stepProblems(steps, firstPoll).map((p) => [p.step, p.path.join('.'), p.message])

describe('follow-up step rules', () => {
  it('should accept up to 4 good steps and store them in minutes', () => {
    const steps = [
      text({ delayValue: 1, delayUnit: 'hours' }),
      text({ kind: 'poll', texts: ['Gostou?'], pollOptions: ['Sim', '', 'Não'], audience: 'not_read' }),
      text({ audience: 'voted', option: 'Sim', delayValue: 30 }),
      text({ audience: 'clicked' }),
    ]
    expect(codes(steps)).toEqual([])
    const stored = stepsOf(steps)
    expect(stored.map((s) => s.delayMinutes)).toEqual([60, 2880, 43_200, 2880])
    expect(stored[1]?.poll).toEqual({ options: ['Sim', 'Não'], multipleAnswers: false })
    expect(stored[2]?.option).toBe('Sim')
    expect(stepInputOf(stored[0]!)).toMatchObject({ delayValue: 1, delayUnit: 'hours', kind: 'text' })
  })

  it.each([
    ['a delay of 0', text({ delayValue: 0 }), [0, 'delayValue', 'steps.errors.delayZero']],
    [
      'a negative delay',
      text({ delayValue: -3, delayUnit: 'hours' }),
      [0, 'delayValue', 'steps.errors.delayZero'],
    ],
    ['a broken delay', text({ delayValue: 1.5 }), [0, 'delayValue', 'steps.errors.delayZero']],
    ['no delay', text({ delayValue: undefined }), [0, 'delayValue', 'steps.errors.delayRequired']],
    ['31 days', text({ delayValue: 31 }), [0, 'delayValue', 'steps.errors.delayTooLong']],
    [
      '721 hours',
      text({ delayValue: 721, delayUnit: 'hours' }),
      [0, 'delayValue', 'steps.errors.delayTooLong'],
    ],
    ['no text', text({ texts: ['  '] }), [0, 'texts', 'steps.errors.textRequired']],
    ['no audience', text({ audience: 'everyone' }), [0, 'audience', 'steps.errors.audienceRequired']],
    [
      'a poll of 1 option',
      text({ kind: 'poll', pollOptions: ['Sim'] }),
      [0, 'pollOptions', 'polls.errors.tooFew'],
    ],
    [
      'a poll of 13 options',
      text({ kind: 'poll', pollOptions: Array.from({ length: 13 }, (_, i) => `Opção ${i}`) }),
      [0, 'pollOptions', 'polls.errors.tooMany'],
    ],
    [
      'a poll with duplicates',
      text({ kind: 'poll', pollOptions: ['Sim', ' sim ', 'Não'] }),
      [0, 'pollOptions.1', 'polls.errors.duplicate'],
    ],
    [
      'voted on a first message that is not a poll',
      text({ audience: 'voted', option: 'Sim' }),
      [0, 'audience', 'steps.errors.votedNeedsPoll'],
    ],
  ])('should refuse %s', (_n, step, problem) => {
    expect(codes([step])).toEqual([problem])
  })

  it('should refuse 5 steps, voted on a text step, and an option the previous poll does not have', () => {
    expect(codes([text(), text(), text(), text(), text()])).toEqual([[4, 'kind', 'steps.errors.tooMany']])
    expect(codes([text(), text({ audience: 'voted', option: 'Sim' })], ['Sim', 'Não'])).toEqual([
      [1, 'audience', 'steps.errors.votedNeedsPoll'],
    ])
    expect(codes([text({ audience: 'voted', option: 'Talvez' })], ['Sim', 'Não'])).toEqual([
      [0, 'option', 'steps.errors.optionUnknown'],
    ])
    expect(codes([text({ audience: 'voted' })], ['Sim', 'Não'])).toEqual([
      [0, 'option', 'steps.errors.optionRequired'],
    ])
  })

  it('should send a step as its own text or poll, never with the first message attachment', () => {
    const campaign = {
      texts: ['Oi'],
      mediaKey: 't/img.jpg',
      mediaKind: 'image',
      mediaType: 'image/jpeg',
      mediaName: null,
      linkPreview: true,
      baseUrl: 'https://x',
      poll: null,
      steps: stepsOf([text(), text({ kind: 'poll', pollOptions: ['A', 'B'] })]),
    }
    expect(stepMessage(campaign, 0)).toBe(campaign)
    expect(stepMessage(campaign, 1)).toMatchObject({ mediaKey: null, poll: null, linkPreview: true })
    expect(stepMessage(campaign, 2).poll).toEqual({ options: ['A', 'B'], multipleAnswers: false })
    expect(stepMessage(campaign, -1)).toMatchObject({ mediaKey: null, poll: null })
  })
})

describe('the composer step buttons (no JS)', () => {
  const form = () => {
    const f = new FormData()
    f.set('name', 'Campanha')
    f.set('steps[0].kind', 'text')
    f.set('steps[0].texts[0]', 'Primeira etapa')
    f.set('steps[1].kind', 'poll')
    f.set('steps[1].texts[0]', 'Segunda etapa')
    f.set('steps[1].pollOptions[0]', 'Sim')
    return f
  }

  it('should add a step with defaults and keep everything typed', () => {
    const f = form()
    expect(applyStepIntent(f, ADD_STEP)).toBe(true)
    expect(f.get('steps[2].audience')).toBe('no_reply')
    expect(f.get('steps[2].delayUnit')).toBe('days')
    expect(f.get('steps[1].pollOptions[0]')).toBe('Sim')
    expect(f.get('name')).toBe('Campanha')
    applyStepIntent(f, ADD_STEP)
    expect(applyStepIntent(f, ADD_STEP)).toBe(false)
  })

  it('should remove a step and move the later ones up', () => {
    const f = form()
    expect(applyStepIntent(f, removeStepIntent(0))).toBe(true)
    expect(f.get('steps[0].texts[0]')).toBe('Segunda etapa')
    expect(f.get('steps[0].pollOptions[0]')).toBe('Sim')
    expect(f.get('steps[1].kind')).toBeNull()
  })

  it('should put an AI suggestion into the step first empty text', () => {
    const f = form()
    f.set('aiVariants[0]', 'Sugestão da IA')
    expect(applyStepIntent(f, aiUseStepIntent(1, 0))).toBe(true)
    expect(f.get('steps[1].texts[1]')).toBe('Sugestão da IA')
    expect(applyStepIntent(f, aiUseStepIntent(3, 0))).toBe(false)
  })
})
