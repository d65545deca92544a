// The English UI shows English for what core modules say, translated by code (decision 025): the texts
// the contacts, campaign, WAHA and AI modules actually produce, with their parameters.
import { describe, expect, it } from 'vitest'
import { applyUserMapping } from '../core/contacts/import/columns'
import { toContact, validateRows } from '../core/contacts/import/contact-rows'
import { sniffCsv } from '../core/contacts/import/csv-sniff'
import { checkFileSize } from '../core/contacts/import/limits'
import { createImportParser } from '../core/contacts/import/parser'
import { checkOutboundUrl } from '../core/net/outbound-url'
import { classifyFetchFailure, type SafeFetchError, safeFetch } from '../core/net/safe-fetch'
import { normalizeBrPhone } from '../core/phone/brazil'
import { RECONCILE_MESSAGES } from '../core/sending/outbox-reconcile.server'
import {
  decideOnError,
  MAX_CONSECUTIVE_FAILURES,
  pauseAfterFailures,
  UNKNOWN_SEND_THEN,
} from '../core/sending/outcome'
import { HOLD_REASONS, HOLD_TEXTS } from '../core/sending/protection'
import { NO_SESSION_REASON } from '../core/sending/router.server'
import { FAILED_TEXT, NOT_FOUND_TEXT } from '../core/sessions/session-truth'
import { failureText } from '../core/stored-text'
import {
  ambiguousError,
  badRequestError,
  invalidNumberError,
  reachOutLimitError,
  SESSION_NOT_FOUND,
  sessionNotWorking,
} from '../core/waha/error-builders'
import { classifyHttpFailure, fromSafeFetchError } from '../core/waha/errors'
import { translate } from './index'
import { expectEnglishText } from './test-english'
import { text, textString } from './text'

const en = (t: Parameters<typeof translate>[1]) => translate('en', t)

describe('English for contact import texts', () => {
  it('should translate every phone refusal', () => {
    const inputs = ['', 'abc', '5,51199E+12', '11987654321, 11912345678', '987654321', '20987654321']
    const more = ['123', '119876543210000000', '08001234567', '11187654321', '+14155552671']
    const reasons = new Set<string>()
    for (const raw of [...inputs, ...more]) {
      const r = normalizeBrPhone(raw)
      if (r.ok) continue
      reasons.add(r.reason)
      expect(r.message).toBe(translate('pt-BR', r.text))
      expectEnglishText(r.text)
    }
    expect(reasons.size).toBeGreaterThanOrEqual(10)
    const missing = normalizeBrPhone('987654321')
    expect(missing.ok ? '' : en(missing.text)).toBe(
      'The phone number has no area code (DDD). Add the area code before the number, e.g. (11) 98765-4321.',
    )
  })

  it('should translate file, row and mapping refusals, with the limits and field names', () => {
    const size = checkFileSize(60 * 1024 * 1024)
    expect(size.ok ? '' : en(size.text)).toBe(
      'The file is over 50 MB. Split the list into smaller files and import each one.',
    )
    const empty = checkFileSize(0)
    if (!empty.ok) expectEnglishText(empty.text)
    for (const bytes of [
      [0xff, 0xfe, 0x41, 0x00],
      [0x50, 0x4b, 0x03, 0x04],
      [0x89, 0x50, 0x4e, 0x47],
    ]) {
      const sniff = sniffCsv(new Uint8Array(bytes))
      expect(sniff.ok).toBe(false)
      if (!sniff.ok) expectEnglishText(sniff.text)
    }
    const parser = createImportParser({
      format: { encoding: 'utf-8', bomLength: 0, delimiter: ';', newline: '\n', quote: '"' } as never,
      limits: { maxColumns: 2 },
    })
    const rows = [...parser.push(new TextEncoder().encode('a;b;c;d\n')), ...parser.end()]
    const tooMany = rows.find((r) => !r.ok)
    expect(tooMany && !tooMany.ok ? en(tooMany.text) : '').toBe(
      'Row with too many columns (over 200). Check the separator and remove empty columns.',
    )
    const labels = ['Nome', 'Telefone']
    const base = { hasHeader: true, headerLine: 1 }
    const outOfRange = applyUserMapping(labels, { ...base, phone: 1, email: 7 })
    const twice = applyUserMapping(labels, { ...base, phone: 1, name: 1 })
    const missing = applyUserMapping(labels, { ...base } as never)
    expect(outOfRange.ok ? '' : en(outOfRange.text)).toBe(
      'The column chosen for email does not exist in the file. Choose another one.',
    )
    expect(twice.ok ? '' : en(twice.text)).toBe(
      'The same column was chosen for two fields (name). Choose different columns.',
    )
    expect(twice.ok ? '' : twice.message).toBe(
      'A mesma coluna foi escolhida para dois campos (nome). Escolha colunas diferentes.',
    )
    if (!missing.ok) expectEnglishText(missing.text)
    const noPhone = toContact(['x'], { hasHeader: false, headerLine: null, phone: null, extras: [] })
    if (!noPhone.ok) expectEnglishText(noPhone.text)
  })

  it('should translate a duplicate with its row number', () => {
    const mapping = { hasHeader: false, headerLine: null, phone: 0, extras: [] }
    const batch = validateRows(
      [
        { ok: true, line: 3, fields: ['11987654321'] },
        { ok: true, line: 12, fields: ['11987654321'] },
      ],
      mapping,
      { delimiter: ';' },
    )
    const duplicate = batch.rejects[0]
    expect(duplicate?.message).toBe('Telefone repetido: já aparece na linha 3. Só o primeiro foi importado.')
    expect(duplicate ? en(duplicate.text) : '').toBe(
      'Duplicate phone number: it already appears on row 3. Only the first one was imported.',
    )
  })

  it('should translate a stored import failure with its nested reason', () => {
    const failed = text('import.failedAtRow', { line: 120, reason: text('import.run.fileMissing') })
    expect(en(failed)).toBe(
      'failed at row 120: the original file was not found; discard the list and upload the file again',
    )
    const unexpected = text('import.failedAtRow', {
      line: 7,
      reason: text('import.run.unexpected', { detail: 'D1_ERROR: too many SQL variables' }),
    })
    expect(translate('pt-BR', unexpected)).toBe(
      'falhou na linha 7: erro inesperado ao gravar os contatos (D1_ERROR: too many SQL variables)',
    )
    expect(en(unexpected)).toBe(
      'failed at row 7: unexpected error while saving the contacts (D1_ERROR: too many SQL variables)',
    )
  })

  it('should carry a text with params through a form error string', () => {
    const t = text('import.reject.duplicateInFile', { line: 4 })
    expect(en(textString(t))).toBe(
      'Duplicate phone number: it already appears on row 4. Only the first one was imported.',
    )
    expect(translate('pt-BR', textString(text('import.sniff.empty')))).toBe(
      'O arquivo está vazio. Envie um CSV com pelo menos uma linha de contato.',
    )
  })
})

describe('English for send failures, WAHA and network texts', () => {
  const json = (body: unknown) => JSON.stringify(body)
  const cases: [number, string][] = [
    [401, json({ message: 'Unauthorized' })],
    [403, json({ message: 'Forbidden' })],
    [463, json({ message: 'reach out' })],
    [475, json({ data: { timeEnforcementEnds: 1_767_000_000 } })],
    [521, ''],
    [500, json({ exception: { message: 'rate-overlimit' } })],
    [500, json({ exception: { message: 'no LID for user' } })],
    [500, json({ message: 'boom' })],
    [502, ''],
    [429, json({ message: 'Too Many Requests' })],
    [413, '<html>413</html>'],
    [404, json({ message: 'Session not found' })],
    [404, '<html>not found</html>'],
    [422, json({ status: 'STOPPED', expected: ['SCAN_QR_CODE'] })],
    [422, json({ status: 'FAILED', expected: ['WORKING'] })],
    [422, json({ message: "Session 'default' already exists" })],
    [400, json({ message: ['text should not be empty'] })],
    [400, json({ message: 'Bad Request' })],
    [418, json({ message: 'teapot' })],
  ]

  it('should translate every classified WAHA failure, for sends and other calls', () => {
    for (const op of ['send', 'other'] as const) {
      for (const [status, body] of cases) {
        const error = classifyHttpFailure(status, null, body, op)
        expect(error.message).toBe(translate('pt-BR', error.text))
        expectEnglishText(error.text)
      }
    }
  })

  it('should translate every transport failure and refused address', async () => {
    const errors = await fetchErrors()
    expect(errors).toHaveLength(12)
    for (const error of errors) {
      expectEnglishText(error.text)
      for (const op of ['send', 'other'] as const) expectEnglishText(fromSafeFetchError(error, op).text)
    }
    const [timeout, , , , redirect, bare, large] = errors
    expect(en(timeout!.text)).toBe(
      'The server did not respond within 15 s. Check that it is up and try again.',
    )
    expect(en(redirect!.text)).toBe(
      'The server asked for a redirect to https://waha.example.com/. Save the final address directly instead.',
    )
    expect(en(bare!.text)).toBe('The server asked for a redirect. Save the final address directly instead.')
    expect(en(large!.text)).toBe("The server's response went over the 2 KB limit.")
  })

  it('should write statuses, problems and lock dates inside the texts in each language', () => {
    expect(en(classifyHttpFailure(500, null, json({ message: 'boom' }), 'send').text)).toBe(
      'The WAHA server had an internal error (HTTP 500). The message may have been sent; to be safe, it will not be resent automatically.',
    )
    expect(en(sessionNotWorking('SCAN_QR_CODE', ['WORKING'], null).text)).toBe(
      'The WhatsApp session is not ready to send (it is currently waiting for the QR code to be scanned). Wait for it to connect or restart the session.',
    )
    expect(sessionNotWorking('SCAN_QR_CODE', ['WORKING'], null).message).toBe(
      'A sessão do WhatsApp não está pronta para enviar (agora ela está aguardando leitura do QR code). Aguarde a conexão ou reinicie a sessão.',
    )
    expect(en(sessionNotWorking('NEW_STATUS', ['SCAN_QR_CODE'], null).text)).toContain(
      '(it is currently NEW_STATUS)',
    )
    expect(en(sessionNotWorking(null, ['WORKING'], null).text)).toContain('(it is currently unknown)')
    expect(en(badRequestError([text('waha.problem.emptyText'), 'chatId is required'], 400, null).text)).toBe(
      'The WAHA server rejected the data sent: the message is empty; chatId is required. Check the fields and try again.',
    )
    const locked = reachOutLimitError(463, new Date(Date.UTC(2026, 0, 2, 15, 30)), 463, null)
    expect(locked.message).toMatch(/até 02\/01\/2026,? 12:30 \(horário de Brasília\)/)
    expect(en(locked.text)).toMatch(
      /^WhatsApp has temporarily blocked .* until 1\/2\/26,? 12:30 PM \(Brasília time\)\. Pause/,
    )
  })

  it('should store what the engine decides as a code, and say it in English', () => {
    const unknown = decideOnError(ambiguousError('server_error', 'send', 502, null), 0)
    expect(unknown.kind).toBe('unknown')
    if (unknown.kind === 'unknown') {
      expect(unknown.error).toBe(`O servidor WAHA teve um erro interno (HTTP 502). ${UNKNOWN_SEND_THEN}`)
      expect(en(unknown.text)).toBe(
        'The WAHA server had an internal error (HTTP 502). The message may have been sent; Disparo checks the WhatsApp chat in a few minutes and resends it only if it did not arrive.',
      )
    }
    const verdict = pauseAfterFailures(MAX_CONSECUTIVE_FAILURES, invalidNumberError(null).text, 0)
    expect(verdict.pause && en(verdict.reason)).toBe(
      `${MAX_CONSECUTIVE_FAILURES} failures in a row: This number is not on WhatsApp or is in an invalid format. Check the contact's phone number.`,
    )
    for (const reason of HOLD_REASONS) expectEnglishText(HOLD_TEXTS[reason])
    for (const t of Object.values(RECONCILE_MESSAGES)) expectEnglishText(t)
    for (const t of [NO_SESSION_REASON, FAILED_TEXT, NOT_FOUND_TEXT, SESSION_NOT_FOUND]) expectEnglishText(t)
  })

  it('should show old rows (no code) in pt-BR as stored and in English by their kind', () => {
    const old = failureText({
      error: 'Este número não tem WhatsApp.',
      errorCode: null,
      errorParams: null,
      errorKind: 'not_on_whatsapp',
    })
    expect(old && translate('pt-BR', old)).toBe('Este número não tem WhatsApp.')
    expect(old && en(old)).toBe('This number is not on WhatsApp.')
    const odd = failureText({ error: 'Algo novo.', errorCode: null, errorParams: null, errorKind: 'x' })
    expect(odd && en(odd)).toBe('Message not sent.')
    const stored = failureText({
      error: 'qualquer',
      errorCode: 'send.failuresInRow',
      errorParams: json({ count: 3, reason: { code: 'waha.auth_key' } }),
      errorKind: 'auth',
    })
    expect(stored && en(stored)).toBe(
      '3 failures in a row: The WAHA server rejected the API key. Check the key (X-Api-Key) saved for this server.',
    )
  })
})

async function fetchErrors(): Promise<SafeFetchError[]> {
  const state = { timedOut: false, aborted: false, timeoutMs: 15_000 }
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
  const errors: SafeFetchError[] = [
    classifyFetchFailure(new Error('x'), 'response', { ...state, timedOut: true }),
    classifyFetchFailure(new Error('x'), 'response', { ...state, aborted: true }),
    classifyFetchFailure(refused, 'response', state),
    classifyFetchFailure(new Error('socket hang up'), 'body', state),
  ]
  const answers = [
    new Response(null, { status: 302, headers: { location: 'https://waha.example.com/' } }),
    new Response(null, { status: 301 }),
    new Response('x'.repeat(10), { headers: { 'content-length': '4096' } }),
  ]
  for (const answer of answers) {
    const result = await safeFetch(
      'https://waha.example.com',
      {},
      { allowPrivate: false, maxBytes: 2048, fetch: async () => answer },
    )
    if (!result.ok) errors.push(result.error)
  }
  for (const url of ['nada', 'ftp://x.com', 'https://u:p@x.com', 'http://127.0.0.1', 'http://localhost']) {
    const check = checkOutboundUrl(url, { allowPrivate: false })
    if (!check.ok)
      errors.push({ kind: 'blocked_url', reason: check.reason, text: check.text, message: check.message })
  }
  return errors
}
