// The catalogue is complete: every code has an ICU message in both languages, with the same arguments
// (names and kinds), and every code a core module names exists. pt-BR plurals read zero as a plural.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { catalogueMessage, compileMessage, messageArguments, messageKeys } from './index'

type Ast = { type: number; value?: string; options?: Record<string, { value: Ast[] }> }

function pluralOptions(ast: readonly Ast[], into: string[][] = []): string[][] {
  for (const el of ast) {
    if (el.type === 6 && el.options) into.push(Object.keys(el.options))
    for (const option of Object.values(el.options ?? {})) pluralOptions(option.value, into)
  }
  return into
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [full] : []
  })
}

const root = path.resolve(import.meta.dirname, '..', '..')

describe('message catalogue', () => {
  const ptKeys = messageKeys('pt-BR')

  it('should have every code in both languages', () => {
    expect(messageKeys('en').sort()).toEqual([...ptKeys].sort())
  })

  it('should parse every message as ICU in its language', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of messageKeys(locale)) {
        expect(() => messageArguments(locale, key), `${locale} ${key}`).not.toThrow()
      }
    }
    expect(() => compileMessage('{count, plural, one {x}', 'en')).toThrow()
  })

  it('should use the same arguments, of the same kinds, in both languages', () => {
    for (const key of ptKeys) {
      expect(messageArguments('en', key), key).toEqual(messageArguments('pt-BR', key))
    }
  })

  it('should give every plural an `other` form, and pt-BR ones with `one` a `=0` form', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of messageKeys(locale)) {
        const raw = catalogueMessage(locale, key) ?? ''
        if (!raw.includes('plural')) continue
        const ast = new IntlMessageFormat(raw, locale, undefined, { ignoreTag: true }).getAst() as Ast[]
        for (const options of pluralOptions(ast)) {
          expect(options, `${locale} ${key}`).toContain('other')
          // CLDR files 0 under "one" in Portuguese ("0 contato"); Brazilian usage writes "0 contatos"
          if (locale === 'pt-BR' && options.includes('one')) expect(options, key).toContain('=0')
        }
      }
    }
  })

  it('should know every code the core modules name', () => {
    const named = new Set<string>()
    for (const file of sources(path.join(root, 'app'))) {
      const source = readFileSync(file, 'utf8')
      for (const m of source.matchAll(/\b(?:text|ptText)\(\s*'([\w.]+)'/g)) named.add(m[1] as string)
    }
    const known = new Set(ptKeys)
    expect([...named].filter((code) => !known.has(code))).toEqual([])
  })
})
