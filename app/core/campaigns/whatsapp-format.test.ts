import { describe, expect, it } from 'vitest'
import { escapeHtml, formatWhatsAppToHtml } from './whatsapp-format'

describe('formatWhatsAppToHtml', () => {
  it.each([
    ['*negrito*', '<strong>negrito</strong>'],
    ['_itálico_', '<em>itálico</em>'],
    ['~riscado~', '<s>riscado</s>'],
    ['```mono *x*```', '<code>mono *x*</code>'],
    ['Oi *João*, tudo _bem_?', 'Oi <strong>João</strong>, tudo <em>bem</em>?'],
    ['*_ambos_*', '<strong><em>ambos</em></strong>'],
    ['_*ambos*_', '<em><strong>ambos</strong></em>'],
    ['*a* *b*', '<strong>a</strong> <strong>b</strong>'],
    ['(*x*)', '(<strong>x</strong>)'],
    ['linha 1\nlinha 2\r\nlinha 3', 'linha 1<br>linha 2<br>linha 3'],
    ['```a\nb```', '<code>a<br>b</code>'],
    ['2*3*4', '2*3*4'],
    ['snake_case_name', 'snake_case_name'],
    ['* solto *', '* solto *'],
    ['**', '**'],
    ['*quebra\nlinha*', '*quebra<br>linha*'],
    ['sem marcação', 'sem marcação'],
    ['', ''],
  ])('should format %j as %j', (text, html) => {
    expect(formatWhatsAppToHtml(text)).toBe(html)
  })

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['*<img src=x onerror=alert(1)>*', '<strong>&lt;img src=x onerror=alert(1)&gt;</strong>'],
    ['" onmouseover="alert(1)', '&quot; onmouseover=&quot;alert(1)'],
    ["' autofocus onfocus='x", '&#39; autofocus onfocus=&#39;x'],
    ['```</code><script>x</script>```', '<code>&lt;/code&gt;&lt;script&gt;x&lt;/script&gt;</code>'],
    ['&lt; já escapado', '&amp;lt; já escapado'],
  ])('should escape user HTML in %j', (text, html) => {
    const out = formatWhatsAppToHtml(text)
    expect(out).toBe(html)
    expect(out.replace(/<\/?(strong|em|s|code|br)>/g, '')).not.toMatch(/[<>"']/)
  })

  it('should never let a tag through for arbitrary input', () => {
    const alphabet = ['<', '>', '"', "'", '&', '*', '_', '~', '`', ' ', '\n', 'a', 'b', '/', '=']
    let seed = 7
    for (let n = 0; n < 2000; n++) {
      let text = ''
      for (let i = 0; i < 20; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        text += alphabet[seed % alphabet.length]
      }
      const stripped = formatWhatsAppToHtml(text).replace(/<\/?(strong|em|s|code)>|<br>/g, '')
      expect(stripped).not.toMatch(/[<>"']/)
    }
  })
})

describe('escapeHtml', () => {
  it('should escape the five significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
