import { describe, expect, it } from 'vitest'
import { hashString, mulberry32, seededRandom } from '../sending/seeded-random'
import {
  compileTemplate,
  countChars,
  findUnknownVariables,
  firstName,
  listVariables,
  normalizeVariableKey,
  parseTemplate,
  parseTemplates,
  renderTemplate,
  renderTemplateDetailed,
  TemplateSyntaxError,
  WHATSAPP_CAPTION_LIMIT,
  WHATSAPP_TEXT_LIMIT,
} from './template'

const joao = {
  name: 'JOÃO DA SILVA',
  phone: '+5511988887777',
  extra: { Empresa: 'Padaria Pão', 'Cidade Natal': 'Recife' },
}

describe('parseTemplate', () => {
  it('should parse text, variables and nested groups', () => {
    const parsed = parseTemplate('{Olá|Oi {{ Nome }}|{Bom dia|Boa tarde}}, {{nome|cliente}}!')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.ast).toMatchObject([
      {
        type: 'choice',
        index: 0,
        options: [
          [{ type: 'text', value: 'Olá' }],
          [
            { type: 'text', value: 'Oi ' },
            { type: 'variable', key: 'nome', raw: 'Nome', fallback: null },
          ],
          [
            {
              type: 'choice',
              options: [[{ type: 'text', value: 'Bom dia' }], [{ type: 'text', value: 'Boa tarde' }]],
            },
          ],
        ],
      },
      { type: 'text', value: ', ' },
      { type: 'variable', key: 'nome', fallback: 'cliente' },
      { type: 'text', value: '!' },
    ])
  })

  it('should treat escaped braces and bars as text', () => {
    const parsed = parseTemplate('Use \\{chaves\\} e \\| barras \\\\ ok | solto')
    expect(parsed).toEqual({
      ok: true,
      ast: [{ type: 'text', value: 'Use {chaves} e | barras \\ ok | solto' }],
    })
  })

  it('should read {{a|b}|c} as nested groups, not a variable', () => {
    const parsed = parseTemplate('{{a|b}|c}')
    expect(parsed.ok && parsed.ast[0]?.type).toBe('choice')
  })

  it.each([
    ['Olá {Oi|Eae', 4, 1, 5, /Chave "\{" sem fechamento \(linha 1, coluna 5\)/],
    ['Olá}', 3, 1, 4, /Chave "\}" sem abertura \(linha 1, coluna 4\)/],
    ['linha 1\n{{ }} x', 8, 2, 1, /Variável vazia \(linha 2, coluna 1\)/],
    ['{{|cliente}}', 0, 1, 1, /Variável vazia/],
    ['Oi {{nome}', 3, 1, 4, /sem fechamento/],
    ['Olá {nome}', 4, 1, 5, /uma só opção.*\{\{nome\}\}/],
  ])('should report an error in %j', (text, index, line, column, message) => {
    const parsed = parseTemplate(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors[0]).toMatchObject({ index, line, column })
    expect(parsed.errors[0]?.message).toMatch(message)
  })

  it('should report every error, sorted by position', () => {
    const parsed = parseTemplate('} {{}} {a')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.errors.map((e) => e.index)).toEqual([0, 2, 7])
  })

  it('should tag errors of alternative texts with their index', () => {
    const parsed = parseTemplates(['ok', 'ruim {'])
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.errors[0]).toMatchObject({ text: 1, index: 5 })
  })

  it('should accept an empty text', () => {
    expect(parseTemplate('')).toEqual({ ok: true, ast: [] })
  })
})

describe('variables', () => {
  it.each([
    ['Nome', 'nome'],
    ['  Primeiro Nome ', 'primeiro_nome'],
    ['CIDADE-NATAL', 'cidade_natal'],
    ['Endereço', 'endereco'],
    ['ÁREA  de_atuação', 'area_de_atuacao'],
  ])('should normalise %j to %j', (raw, key) => {
    expect(normalizeVariableKey(raw)).toBe(key)
  })

  it('should list distinct variables across groups and alternative texts', () => {
    expect(listVariables(['Oi {{Nome}} {a|{{empresa}}}', '{{nome}} {{cidade natal|sua cidade}}'])).toEqual([
      'nome',
      'empresa',
      'cidade_natal',
    ])
  })

  it('should find unknown variables without fallback', () => {
    expect(
      findUnknownVariables('{{nome}} {{Empresa}} {{cargo}} {{bairro|seu bairro}} {{cpf}}', [
        'empresa',
        'CPF',
      ]),
    ).toEqual(['cargo'])
  })

  it('should ignore texts that do not parse', () => {
    expect(listVariables('{{nome}} {')).toEqual([])
    expect(findUnknownVariables('{{x}} }', [])).toEqual([])
  })
})

describe('firstName', () => {
  it.each([
    ['JOÃO DA SILVA', 'João'],
    ['  maria   souza ', 'Maria'],
    ['ana-maria braga', 'Ana-Maria'],
    ["d'ÁVILA", "D'Ávila"],
    ['élodie', 'Élodie'],
    ['', ''],
    ['   ', ''],
    ['Ana; Maria', 'Ana'],
    ['Ana;Maria', 'Ana'],
    ['José,', 'José'],
    ['José, da Silva', 'José'],
    ['Dr. João Souza', 'João'],
    ['DRA. ANA', 'Ana'],
    ['Sr João', 'João'],
    ['Dr.', 'Dr'],
    ['J. Carlos', 'Carlos'],
    ['Maria-Clara Souza', 'Maria-Clara'],
    ['"Ana" Lima', 'Ana'],
    ['(Ana)', 'Ana'],
    ['Ana! ', 'Ana'],
    ['-Ana-', 'Ana'],
    ['😀 Ana', 'Ana'],
    ['Ana/Beto', 'Ana'],
    ['Jose\u0301,', 'Jose\u0301'],
    ['123', ''],
    ['...', ''],
  ])('should turn %j into %j', (name, first) => {
    expect(firstName(name)).toBe(first)
  })
})

describe('renderTemplate', () => {
  it('should fill builtin and extra variables', () => {
    expect(
      renderTemplate(
        '{{primeiro_nome}} ({{nome}}, {{telefone}}) da {{empresa}} em {{Cidade Natal}}',
        joao,
        's',
      ),
    ).toBe('João (JOÃO DA SILVA, +5511988887777) da Padaria Pão em Recife')
  })

  it('should use the fallback or an empty string for missing values, and report them', () => {
    const result = renderTemplateDetailed(
      'Oi {{nome|cliente}}{{cargo}}, {{bairro|vizinho}}!',
      { name: ' ', phone: '1', extra: { bairro: '' } },
      's',
    )
    expect(result.text).toBe('Oi cliente, vizinho!')
    expect(result.missing).toEqual(['nome', 'cargo', 'bairro'])
  })

  it('should be deterministic per (seed, contact) and vary across contacts', () => {
    const template = ['{Olá|Oi|Bom dia|E aí} {{primeiro_nome}}', 'Texto B {1|2|3|4|5}', 'Texto C {x|y}']
    const first = renderTemplate(template, joao, 'campaign-1')
    for (let i = 0; i < 5; i++) expect(renderTemplate(template, joao, 'campaign-1')).toBe(first)
    const outputs = new Set<string>()
    const variants = new Set<number>()
    for (let i = 0; i < 200; i++) {
      const r = renderTemplateDetailed(
        template,
        { name: 'Ana', phone: `+55119${i}`, extra: {} },
        'campaign-1',
      )
      outputs.add(r.text)
      variants.add(r.variant)
    }
    expect(variants).toEqual(new Set([0, 1, 2]))
    expect(outputs.size).toBeGreaterThan(8)
  })

  it('should pick every option of a group with roughly equal frequency', () => {
    const counts: Record<string, number> = {}
    for (let i = 0; i < 3000; i++) {
      const text = renderTemplate('{a|b|c}', { name: '', phone: String(i), extra: {} }, 'seed')
      counts[text] = (counts[text] ?? 0) + 1
    }
    expect(Object.keys(counts).sort()).toEqual(['a', 'b', 'c'])
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(850)
  })

  it('should render nested groups, empty options and escapes', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 100; i++)
      seen.add(renderTemplate('{{a|b}|}\\{x\\}', { name: '', phone: String(i), extra: {} }, 's'))
    expect(seen).toEqual(new Set(['a{x}', 'b{x}', '{x}']))
  })

  it('should render the same through a compiled template', () => {
    const render = compileTemplate(['{Oi|Olá} {{primeiro_nome}}', 'E aí {{primeiro_nome|você}}'])
    for (let i = 0; i < 20; i++) {
      const contact = { name: 'maria', phone: String(i), extra: {} }
      expect(render(contact, 's')).toEqual(
        renderTemplateDetailed(['{Oi|Olá} {{primeiro_nome}}', 'E aí {{primeiro_nome|você}}'], contact, 's'),
      )
    }
    expect(() => compileTemplate(['ok', '{'])).toThrow(TemplateSyntaxError)
  })

  it('should render an empty list of texts as empty', () => {
    expect(renderTemplateDetailed([], joao, 's')).toEqual({ text: '', variant: 0, missing: [] })
  })

  it('should throw a pt-BR syntax error for a broken template', () => {
    expect(() => renderTemplate('Oi {a|b', joao, 's')).toThrow(TemplateSyntaxError)
    expect(() => renderTemplate('Oi {a|b', joao, 's')).toThrow(/sem fechamento/)
  })
})

describe('countChars and limits', () => {
  it('should count UTF-16 code units', () => {
    expect(countChars('abc')).toBe(3)
    expect(countChars('ção')).toBe(3)
    expect(countChars('👍')).toBe(2)
  })

  it('should expose the WhatsApp limits', () => {
    expect(WHATSAPP_TEXT_LIMIT).toBe(4096)
    expect(WHATSAPP_CAPTION_LIMIT).toBe(1024)
  })
})

describe('seeded random', () => {
  it('should be deterministic and in [0, 1)', () => {
    const a = seededRandom('x')
    const b = seededRandom('x')
    for (let i = 0; i < 1000; i++) {
      const v = a()
      expect(v).toBe(b())
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThan(1)
    }
    expect(hashString('a')).not.toBe(hashString('b'))
    expect(mulberry32(1)()).not.toBe(mulberry32(2)())
  })
})
