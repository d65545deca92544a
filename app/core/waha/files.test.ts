import { describe, expect, it } from 'vitest'
import { wahaFilePath } from './files'

describe('wahaFilePath', () => {
  it('keeps only the /api/files/ path, whatever host or proxy prefix WAHA named', () => {
    expect(wahaFilePath('http://localhost:3000/api/files/loja/false_1@c.us_AAA.oga')).toBe(
      '/api/files/loja/false_1@c.us_AAA.oga',
    )
    expect(wahaFilePath('https://waha.exemplo.com.br/waha/api/files/x.pdf')).toBe('/api/files/x.pdf')
    expect(wahaFilePath('http://169.254.169.254/latest/meta-data')).toBeNull()
    expect(wahaFilePath('http://waha/api/files/')).toBeNull()
    expect(wahaFilePath('http://waha/api/files/../sessions')).toBeNull()
    expect(wahaFilePath('http://waha/api/files/%2e%2e/sessions')).toBeNull()
    expect(wahaFilePath('não é url')).toBeNull()
  })
})
