import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { ComposerSchema } from '../core/campaigns/composer-schema'
import { guessKind, withPickedFile } from './composer-picked-file'

function form(entries: Array<[string, string | File]>) {
  const f = new FormData()
  for (const [k, v] of entries) f.append(k, v)
  return f
}

describe('the composer’s browser checks with a picked file', () => {
  it('should guess the kind from the browser type', () => {
    expect(['image/png', 'video/mp4', 'audio/ogg', 'application/pdf', ''].map(guessKind)).toEqual([
      'image',
      'video',
      'voice',
      'document',
      'document',
    ])
  })

  it('should count a picked voice note as the attachment, so no text is asked for', () => {
    const voice = new File([new Uint8Array([1, 2, 3])], 'recado.ogg', { type: 'audio/ogg' })
    const picked = withPickedFile(
      form([
        ['image', voice],
        ['texts', ''],
      ]),
    )
    expect(picked.get('mediaKey')).toBe('picked')
    expect(picked.get('mediaKind')).toBe('voice')
    expect(picked.get('image')).toBeInstanceOf(File)
    const stored = form([
      ['mediaKey', 'tnt/x/media/abc'],
      ['mediaKind', 'image'],
      ['image', voice],
    ])
    expect(withPickedFile(stored).get('mediaKey')).toBe('tnt/x/media/abc')
    expect(withPickedFile(stored).get('mediaKind')).toBe('voice')
  })

  it('should leave a form without a picked file as it is', () => {
    const empty = form([
      ['image', new File([], '')],
      ['texts', 'Oi'],
    ])
    expect(withPickedFile(empty)).toBe(empty)
    const none = form([['texts', 'Oi']])
    expect(withPickedFile(none)).toBe(none)
  })

  it('should make the schema accept a voice note without text and still refuse text with it', () => {
    const voice = new File([new Uint8Array([1])], 'recado.ogg', { type: 'audio/ogg' })
    const base: Array<[string, string | File]> = [
      ['intent', 'launch'],
      ['name', 'Recado'],
      ['listId', 'lst_1'],
      ['sessionIds', 'ses_1'],
      ['minDelayS', '30'],
      ['maxDelayS', '60'],
      ['maxPerMinute', '10'],
      ['dailyCap', '500'],
      ['windowDays', '1'],
      ['windowStart', '08:00'],
      ['windowEnd', '20:00'],
      ['image', voice],
    ]
    const issues = (f: FormData) => {
      const submission = parseWithZod(f, { schema: ComposerSchema })
      return submission.status === 'success' ? [] : Object.values(submission.error ?? {}).flat()
    }
    expect(issues(withPickedFile(form(base)))).not.toContain('campaigns.errors.textRequired')
    expect(issues(form(base))).toContain('campaigns.errors.textRequired')
    expect(issues(withPickedFile(form([...base, ['texts', 'Oi']])))).toContain('media.errors.voiceText')
  })
})
