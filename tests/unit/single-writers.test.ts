// One owner per state: only the outbox module writes outbox rows (campaign_messages): its three files
// app/core/sending/outbox.server.ts, outbox-events.server.ts (acks, replies, clicks, erasure) and
// outbox-reconcile.server.ts (the `unknown` rows, decision 021),
// and only app/core/campaigns/lifecycle.server.ts changes a campaign's status. A WhatsApp session's
// status has one writer too (decision 026): app/core/sessions/live-state.server.ts changes the D1 column
// (the truth) and records the Durable Object's live state; no code decides from the object's copy. Read with the
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
const SESSION_STATUS_OWNER = 'app/core/sessions/live-state.server.ts'

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

type SessionWrites = { status: Write[]; liveState: Write[]; liveStatusReads: Write[] }

/**
 * A session's status writes in one file: `.update(wahaSessions).set({ status })`, raw
 * `UPDATE waha_sessions … status =`, and `.setState(…)` on the SenderSession; plus reads of the
 * object's status (`x.status` where `x = await ….getState()`, or `(await ….getState()).status`).
 */
function sessionWritesIn(file: string): SessionWrites {
  const text = readFileSync(path.join(root, file), 'utf8')
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const out: SessionWrites = { status: [], liveState: [], liveStatusReads: [] }
  const at = (node: ts.Node, what: string): Write => ({
    file,
    line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    what,
  })
  const isGetState = (node: ts.Node): boolean => {
    let n = node
    while (ts.isAwaitExpression(n) || ts.isParenthesizedExpression(n)) n = n.expression
    return (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'getState'
    )
  }
  const liveVars = new Set<string>()
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      if (isGetState(node.initializer)) liveVars.add(node.name.text)
    ts.forEachChild(node, collect)
  }
  collect(src)
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const table = node.arguments[0]
      if (method === 'update' && table && ts.isIdentifier(table) && table.text === 'wahaSessions')
        if (setsStatus(node)) out.status.push(at(node, 'update(wahaSessions).set({ status })'))
      if (method === 'setState') out.liveState.push(at(node, '.setState(…)'))
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'status') {
      const target = node.expression
      if ((ts.isIdentifier(target) && liveVars.has(target.text)) || isGetState(target))
        out.liveStatusReads.push(at(node, 'getState().status'))
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteral(node)) {
      if (/\bUPDATE\s+waha_sessions\b[\s\S]*\bSET\b[\s\S]*\bstatus\s*=/i.test(node.getText(src)))
        out.status.push(at(node, 'raw SQL'))
    }
    ts.forEachChild(node, visit)
  }
  visit(src)
  return out
}

const sessionFound = files.map(sessionWritesIn)

describe('one owner of a session’s status (decision 026)', () => {
  it('finds the owner’s own writes (the scan works)', () => {
    const own = sessionWritesIn(SESSION_STATUS_OWNER)
    expect(own.status.length).toBeGreaterThan(0)
    expect(own.liveState.length).toBeGreaterThan(0)
    // The fixture of the read check: the test files themselves read the object's status.
    expect(
      sessionWritesIn('tests/integration/sessions-lifecycle.test.ts').liveStatusReads.length,
    ).toBeGreaterThan(0)
  })

  it(`only ${SESSION_STATUS_OWNER} changes a session's status, in D1 and in its Durable Object`, () => {
    const others = sessionFound
      .flatMap((f) => [...f.status, ...f.liveState])
      .filter((w) => w.file !== SESSION_STATUS_OWNER)
    expect(others, 'apply session statuses through applySessionStatus (live-state.server.ts)').toEqual([])
  })

  it('reads the status from D1 only, never from the Durable Object’s copy', () => {
    const reads = sessionFound.flatMap((f) => f.liveStatusReads)
    expect(reads, 'read waha_sessions.status (the truth), not getState().status').toEqual([])
  })
})
