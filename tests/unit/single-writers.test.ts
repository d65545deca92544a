// One owner per state: only the outbox module writes outbox rows (campaign_messages): its three files
// app/core/sending/outbox.server.ts, outbox-events.server.ts (acks, replies, clicks, erasure) and
// outbox-reconcile.server.ts (the `unknown` rows, decision 021),
// and only app/core/campaigns/lifecycle.server.ts changes a campaign's status. Read with the
// TypeScript parser (drizzle chains `.update(t)` / `.insert(t)` / `.delete(t)` and raw SQL strings), so
// a new writer anywhere in app/, workers/ or db/ fails this test.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..', '..')
const OUTBOX_OWNER = 'app/core/sending/outbox.server.ts'
const OUTBOX_OWNERS = [
  OUTBOX_OWNER,
  'app/core/sending/outbox-events.server.ts',
  'app/core/sending/outbox-reconcile.server.ts',
]
const STATUS_OWNER = 'app/core/campaigns/lifecycle.server.ts'

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name)
    if (statSync(path.join(root, rel)).isDirectory()) {
      if (name !== 'migrations') out.push(...sourceFiles(rel))
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
      out.push(rel)
    }
  }
  return out
}

type Write = { file: string; line: number; what: string }

/** Every write to `campaign_messages`, and every change of `campaigns.status`, in one file. */
function writesIn(file: string): { outbox: Write[]; campaignStatus: Write[] } {
  const text = readFileSync(path.join(root, file), 'utf8')
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const outbox: Write[] = []
  const campaignStatus: Write[] = []
  const at = (node: ts.Node, what: string): Write => ({
    file,
    line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    what,
  })

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const table = node.arguments[0]
      if (['update', 'insert', 'delete'].includes(method) && table && ts.isIdentifier(table)) {
        if (table.text === 'campaignMessages' || table.text === 'm')
          outbox.push(at(node, `${method}(${table.text})`))
        if (table.text === 'campaigns' && method === 'update' && setsStatus(node))
          campaignStatus.push(at(node, 'update(campaigns).set({ status })'))
      }
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteral(node)) {
      const sqlText = node.getText(src)
      if (/\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+campaign_messages\b/i.test(sqlText))
        outbox.push(at(node, 'raw SQL'))
      if (/\bUPDATE\s+campaigns\b[\s\S]*\bSET\b[\s\S]*\bstatus\s*=/i.test(sqlText))
        campaignStatus.push(at(node, 'raw SQL'))
    }
    ts.forEachChild(node, visit)
  }
  visit(src)
  return { outbox, campaignStatus }
}

/** `.update(campaigns).set({ status: … })` further up the same chain. */
function setsStatus(updateCall: ts.CallExpression): boolean {
  let node: ts.Node = updateCall
  while (node.parent && (ts.isPropertyAccessExpression(node.parent) || ts.isCallExpression(node.parent))) {
    node = node.parent
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'set'
    ) {
      const arg = node.arguments[0]
      return (
        !!arg &&
        ts.isObjectLiteralExpression(arg) &&
        arg.properties.some((p) => p.name?.getText() === 'status')
      )
    }
  }
  return false
}

const files = [...sourceFiles('app'), ...sourceFiles('workers'), ...sourceFiles('db')]
const found = files.map(writesIn)

describe('one owner per state', () => {
  it('finds the owners’ own writes (the scan works)', () => {
    expect(writesIn(OUTBOX_OWNER).outbox.length).toBeGreaterThan(5)
    expect(writesIn('app/core/sending/outbox-reconcile.server.ts').outbox.length).toBeGreaterThan(4)
    expect(writesIn('app/core/sending/outbox-events.server.ts').outbox.length).toBeGreaterThan(3)
    expect(writesIn(STATUS_OWNER).campaignStatus.length).toBeGreaterThan(5)
  })

  it(`only ${OUTBOX_OWNERS.join(' and ')} write outbox rows`, () => {
    const others = found.flatMap((f) => f.outbox).filter((w) => !OUTBOX_OWNERS.includes(w.file))
    expect(others, 'move these writes into the outbox module').toEqual([])
  })

  it(`only ${STATUS_OWNER} changes a campaign's status`, () => {
    const others = found.flatMap((f) => f.campaignStatus).filter((w) => w.file !== STATUS_OWNER)
    expect(others, 'move these status changes into the lifecycle module').toEqual([])
  })
})
