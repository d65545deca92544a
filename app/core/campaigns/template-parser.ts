// Parser for message templates: `{{variavel}}` / `{{variavel|padrão}}` placeholders and spintax
// groups `{Olá|Oi|Bom dia}` (nestable, at least two options; `{a|}` makes `a` optional). Backslash escapes `\{ \} \| \\` produce literal
// characters. `{{` opens a variable only when a brace-free `}}` closes it; otherwise it is a
// group inside a group (`{{a|b}|c}`). Errors are texts (`campaigns.template.*`, decision 025) with the
// 0-based index and line/column, and their pt-BR `message`.
import { ptText } from '../../i18n'
import { type MessageCode, type Text, text as textOf } from '../../i18n/text'

/** Literal text. */
interface TextNode {
  type: 'text'
  value: string
}
/** A `{{key|fallback}}` placeholder; `key` is normalised (see normalizeVariableKey). */
export interface VariableNode {
  type: 'variable'
  key: string
  raw: string
  fallback: string | null
  index: number
}
/** A spintax group; one option is picked per contact. */
interface ChoiceNode {
  type: 'choice'
  options: TemplateNode[][]
  index: number
}
/** A template AST node. */
export type TemplateNode = TextNode | VariableNode | ChoiceNode

/** A parse error with its position (0-based index, 1-based line/column): its text and pt-BR `message`. */
export interface TemplateError {
  /** What is wrong, by code (`campaigns.template.*`, with line and column). */
  reason: Text
  message: string
  index: number
  line: number
  column: number
}

/** Result of parseTemplate. */
export type ParseResult = { ok: true; ast: TemplateNode[] } | { ok: false; errors: TemplateError[] }

/** Normalises a variable key: trimmed, lowercase, no accents, spaces/hyphens as `_`. */
export function normalizeVariableKey(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s\-_]+/g, '_')
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split('\n')
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 }
}

const VARIABLE_AT = /\{\{([^{}]*)\}\}/y

/** Parses a template into an AST or errors (unbalanced braces, empty variable). */
export function parseTemplate(text: string): ParseResult {
  const errors: TemplateError[] = []
  const fail = (index: number, code: MessageCode) => {
    const { line, column } = position(text, index)
    const t = textOf(code, { line, column })
    errors.push({ reason: t, message: ptText(t), index, line, column })
  }

  // Stack of open groups: each holds finished options plus the option being built.
  type Frame = { index: number; options: TemplateNode[][]; current: TemplateNode[] }
  const root: TemplateNode[] = []
  const stack: Frame[] = []
  let buffer = ''

  const target = () => stack[stack.length - 1]?.current ?? root
  const flush = () => {
    if (buffer) target().push({ type: 'text', value: buffer })
    buffer = ''
  }

  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (ch === '\\' && i + 1 < text.length && '{}|\\'.includes(text[i + 1] as string)) {
      buffer += text[i + 1]
      i += 2
      continue
    }
    if (ch === '{') {
      VARIABLE_AT.lastIndex = i
      const match = text[i + 1] === '{' ? VARIABLE_AT.exec(text) : null
      if (match) {
        const inner = match[1] ?? ''
        const bar = inner.indexOf('|')
        const rawKey = (bar === -1 ? inner : inner.slice(0, bar)).trim()
        const fallback = bar === -1 ? null : inner.slice(bar + 1).trim()
        if (!rawKey) {
          fail(i, 'campaigns.template.emptyVariable')
        } else {
          flush()
          target().push({
            type: 'variable',
            key: normalizeVariableKey(rawKey),
            raw: rawKey,
            fallback,
            index: i,
          })
        }
        i += match[0].length
        continue
      }
      flush()
      stack.push({ index: i, options: [], current: [] })
      i++
      continue
    }
    if (ch === '}') {
      if (stack.length === 0) {
        fail(i, 'campaigns.template.strayClose')
        i++
        continue
      }
      flush()
      const frame = stack.pop() as Frame
      frame.options.push(frame.current)
      if (frame.options.length === 1) {
        fail(frame.index, 'campaigns.template.singleOption')
      }
      target().push({ type: 'choice', options: frame.options, index: frame.index })
      i++
      continue
    }
    if (ch === '|' && stack.length > 0) {
      flush()
      const frame = stack[stack.length - 1] as Frame
      frame.options.push(frame.current)
      frame.current = []
      i++
      continue
    }
    buffer += ch
    i++
  }
  flush()
  for (const frame of stack) {
    fail(frame.index, 'campaigns.template.unclosed')
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.index - b.index) }
  return { ok: true, ast: root }
}

/** Calls visit for every variable node, in every option of every group. */
export function walkVariables(nodes: TemplateNode[], visit: (node: VariableNode) => void): void {
  for (const node of nodes) {
    if (node.type === 'variable') visit(node)
    else if (node.type === 'choice') for (const option of node.options) walkVariables(option, visit)
  }
}
