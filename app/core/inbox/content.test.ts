import { describe, expect, it } from 'vitest'
import { INBOUND_BODY_MAX, inboundContent } from './content'

const base = { body: '', hasMedia: false, media: null, location: null }

describe('inboundContent', () => {
  it('should keep a plain text as it is', () => {
    expect(inboundContent({ ...base, body: 'Oi <b>tudo bem</b>?' })).toEqual({
      type: 'text',
      body: 'Oi <b>tudo bem</b>?',
      truncated: false,
      media: null,
    })
  })

  it('should cut a text past the limit and say so', () => {
    const long = 'a'.repeat(INBOUND_BODY_MAX + 10)
    const c = inboundContent({ ...base, body: long })
    expect(c.body).toHaveLength(INBOUND_BODY_MAX)
    expect(c.truncated).toBe(true)
  })

  it('should tell image, audio, document and location apart', () => {
    const media = (mimetype: string) => ({ url: 'http://waha/f', mimetype, filename: 'f' })
    expect(inboundContent({ ...base, hasMedia: true, media: media('image/jpeg') }).type).toBe('image')
    expect(inboundContent({ ...base, hasMedia: true, media: media('audio/ogg') }).type).toBe('audio')
    expect(inboundContent({ ...base, hasMedia: true, media: media('application/pdf') }).type).toBe('document')
    expect(inboundContent({ ...base, hasMedia: true }).type).toBe('other')
    const loc = inboundContent({
      ...base,
      location: { latitude: '-23.5', longitude: '-46.6', name: 'Loja' },
    })
    expect(loc).toMatchObject({ type: 'location', media: { latitude: '-23.5', name: 'Loja' } })
  })
})
