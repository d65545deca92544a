// /respostas/:id: one conversation (what we sent with each status, what they wrote, our answers, the
// opt-out), opening it marks it read. Operators and admins answer (app/core/inbox/answer.server.ts:
// once per form, even on a double submit), mark it handled or reopen it, and assign it; viewers read
// only (a POST from them is refused with 403). Live with JS (revalidates every 5 s, the text being
// typed stays); without JS an "Atualizar" link, never an automatic reload that would lose the text.
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { displayPhone, Timeline, type TimelineItem } from '~/components/inbox-timeline'
import { PossibleOptOutDecision } from '~/components/possible-optout-decision'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { possibleOptOutRuleKey } from '~/core/contacts/possible-optout-rules'
import { decidePossibleOptOut } from '~/core/contacts/possible-optouts.server'
import { answerConversation } from '~/core/inbox/answer.server'
import { INBOUND_BODY_MAX } from '~/core/inbox/content'
import { inboxFilterOptions, loadConversation } from '~/core/inbox/inbox.server'
import { inboundMediaUrl } from '~/core/inbox/media.server'
import { assignConversation, markConversationRead, setConversationHandled } from '~/core/inbox/state.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { ConversationActionSchema } from './schemas'

export const meta = titled('title.conversation')

function idOf(raw: string | undefined): number {
  const id = Number(raw)
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound()
  return id
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const id = idOf(params.id)
  const antes = new URL(request.url).searchParams.get('antes')
  const before = antes && /^\d{1,15}$/.test(antes) ? Number(antes) : null
  const view = await orNotFound(loadConversation(scope, id, before))
  await markConversationRead(scope, id)
  const options = await inboxFilterOptions(scope)
  const when = (ms: number) =>
    new Date(ms).toLocaleString(locale, {
      timeZone: 'America/Sao_Paulo',
      dateStyle: 'short',
      timeStyle: 'short',
    })
  // A short-lived signed link per kept file (media.server.ts); the page revalidates well within it.
  const fileUrls = new Map(
    await Promise.all(
      view.inbound
        .filter((m) => m.media?.key && !m.revokedAt)
        .map(async (m) => [m.id, await inboundMediaUrl(scope, m.id)] as const),
    ),
  )
  const items: TimelineItem[] = [
    ...view.inbound.map((m) => ({
      kind: 'them' as const,
      key: `in${m.id}`,
      at: m.receivedAt,
      date: when(m.receivedAt),
      type: m.type,
      body: m.body,
      truncated: m.truncated,
      media: m.media
        ? {
            mimetype: m.media.mimetype,
            filename: m.media.filename,
            name: m.media.name,
            latitude: m.media.latitude ?? null,
            longitude: m.media.longitude ?? null,
            url: fileUrls.get(m.id) ?? null,
            error: m.media.error ?? null,
          }
        : null,
      editedAt: m.editedAt,
      originalBody: m.originalBody,
      revokedAt: m.revokedAt,
      campaignName: options.campaigns.find((c) => c.id === m.campaignId)?.name ?? null,
    })),
    ...view.sent.map((s) => ({
      kind: 'campaign' as const,
      key: `cm${s.id}`,
      at: s.sentAt ?? 0,
      date: when(s.sentAt ?? 0),
      campaignName: s.campaignName,
      text: s.text,
      status: s.status,
      clickCount: s.clickCount,
    })),
    ...view.answers.map((a) => ({
      kind: 'answer' as const,
      key: `an${a.id}`,
      at: a.sentAt ?? a.createdAt,
      date: when(a.sentAt ?? a.createdAt),
      body: a.body,
      status: a.status,
      by: a.sentByName,
    })),
  ].sort((a, b) => a.at - b.at)
  const c = view.conversation
  return {
    locale,
    conversation: {
      id: c.id,
      name: c.contactName ?? null,
      phone: c.phoneE164,
      sessionId: c.sessionId,
      handled: c.handledAt !== null,
      handledLine: c.handledAt && c.handledByName ? { name: c.handledByName, date: when(c.handledAt) } : null,
      answeredLine:
        c.lastAnsweredAt && c.lastAnsweredByName
          ? { name: c.lastAnsweredByName, date: when(c.lastAnsweredAt) }
          : null,
      assignedTo: c.assignedTo,
    },
    optOut: view.optOut ? when(view.optOut.createdAt) : null,
    olderHref: view.older === null ? null : `/respostas/${id}?antes=${view.older}`,
    olderPage: before !== null,
    possible: view.possibleOptOuts.map((p) => ({
      id: p.id,
      body: p.body,
      ruleKey: possibleOptOutRuleKey(p.rule),
      date: when(p.receivedAt),
    })),
    canDecideOptOut: can(user.role, 'optout:write'),
    items,
    staff: view.staff.map((u) => ({ id: u.id, name: u.name })),
    sessions: options.sessions.filter((s) => s.status === 'WORKING'),
    canAnswer: can(user.role, 'inbox:answer'),
    // One key per rendered form: the same submit twice is one answer (answer.server.ts).
    answerKey: crypto.randomUUID(),
  }
}

type ActionData = { message: string; body: string; sessionId: string | null }

const POSSIBLE_INTENTS = ['confirmPossible', 'dismissPossible']

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData()
  // Deciding a possible opt-out is the opt-outs page's permission; everything else is answering's.
  const deciding = POSSIBLE_INTENTS.includes(String(form.get('intent') ?? ''))
  const { scope } = await requireUser(context, request, deciding ? 'optout:write' : 'inbox:answer')
  const id = idOf(params.id)
  const here = `/respostas/${id}`
  const submission = parseWithZod(form, { schema: ConversationActionSchema })
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.required'
    return redirectWithFlash(here, { kind: 'error', message: first })
  }
  const v = submission.value
  if (v.intent === 'answer') {
    const outcome = await orNotFound(
      answerConversation(scope, {
        conversationId: id,
        body: v.body,
        key: v.key,
        sessionId: v.sessionId || null,
      }),
    )
    if (outcome.ok) return redirectWithFlash(here, { kind: 'success', message: outcome.message })
    // The text stays in the form: nothing the person typed is lost.
    return data<ActionData>(
      { message: outcome.message, body: v.body, sessionId: v.sessionId ?? null },
      { status: outcome.message === 'inbox.answer.unknown' ? 502 : 400 },
    )
  }
  if (v.intent === 'confirmPossible' || v.intent === 'dismissPossible') {
    await orNotFound(loadConversation(scope, id))
    const r = await orNotFound(
      decidePossibleOptOut(scope, v.possibleId, v.intent === 'confirmPossible' ? 'confirm' : 'dismiss'),
    )
    return redirectWithFlash(here, { kind: 'success', message: r.message, vars: r.vars })
  }
  if (v.intent === 'assign') {
    const r = await orNotFound(assignConversation(scope, id, v.userId || null))
    return redirectWithFlash(here, { kind: r.ok ? 'success' : 'error', message: r.message })
  }
  const r = await orNotFound(setConversationHandled(scope, id, v.intent === 'handled'))
  return redirectWithFlash(here, { kind: 'success', message: r.message })
}

export default function ConversationPage() {
  const {
    locale,
    conversation: c,
    optOut,
    possible,
    canDecideOptOut,
    olderHref,
    olderPage,
    items,
    staff,
    sessions,
    canAnswer,
    answerKey,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const t = makeTranslator(locale)
  const revalidator = useRevalidator()
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === 'idle' && document.visibilityState === 'visible') revalidator.revalidate()
    }, 5000)
    return () => clearInterval(timer)
  }, [revalidator])
  const phone = displayPhone(c.phone, t('inbox.lidUnknown'))
  return (
    <>
      <p>
        <a href="/respostas">← {t('inbox.back')}</a>
      </p>
      <div className="row-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{t('inbox.conversation.title', { name: c.name ?? phone })}</h1>
        <a className="button secondary" href={`/respostas/${c.id}`}>
          {t('inbox.refresh')}
        </a>
      </div>
      <p className="muted">
        {c.name ? `${phone} · ` : ''}
        <span className={c.handled ? 'badge ok' : 'badge'}>
          {t(c.handled ? 'inbox.badge.handled' : 'inbox.badge.open')}
        </span>
        {c.handledLine ? ` ${t('inbox.conversation.handledBy', c.handledLine)}` : ''}
        {c.answeredLine ? ` ${t('inbox.conversation.answeredBy', c.answeredLine)}` : ''}
      </p>
      {optOut ? (
        <p className="badge bad" role="note">
          {t('inbox.conversation.optedOut', { date: optOut })}
        </p>
      ) : null}
      {possible.length > 0 ? (
        <section className="card" aria-labelledby="possible-title" data-testid="possible-optouts">
          <h2 id="possible-title">{t('inbox.possible.title')}</h2>
          <p className="muted">{t('inbox.possible.intro')}</p>
          {possible.map((p) => (
            <div key={p.id} className="inbox-possible">
              <p>
                <q>{p.body}</q> <span className="muted">· {p.date}</span>
              </p>
              <p className="muted">{t(p.ruleKey)}</p>
              {canDecideOptOut ? <PossibleOptOutDecision id={p.id} field="possibleId" t={t} /> : null}
            </div>
          ))}
        </section>
      ) : null}
      <section className="card">
        {olderHref || olderPage ? (
          <nav className="row-actions" aria-label={t('inbox.conversation.pages')}>
            {olderHref ? <a href={olderHref}>{t('inbox.conversation.older')}</a> : null}
            {olderPage ? <a href={`/respostas/${c.id}`}>{t('inbox.conversation.newest')}</a> : null}
          </nav>
        ) : null}
        <Timeline items={items} t={t} max={INBOUND_BODY_MAX} />
      </section>
      {canAnswer ? (
        <>
          <section className="card" aria-labelledby="answer-title">
            <h2 id="answer-title">{t('inbox.answer.title')}</h2>
            {sessions.length === 0 ? (
              <p className="muted">{t('inbox.answer.noSession')}</p>
            ) : (
              <Form method="post" key={answerKey}>
                <input type="hidden" name="intent" value="answer" />
                <input type="hidden" name="key" value={answerKey} />
                {actionData?.message ? (
                  <p className="error" role="alert">
                    {t(actionData.message)}
                  </p>
                ) : null}
                <div className="field">
                  <label htmlFor="answer-body">{t('inbox.answer.body')}</label>
                  <textarea
                    id="answer-body"
                    name="body"
                    rows={4}
                    maxLength={4000}
                    required
                    defaultValue={actionData?.body ?? ''}
                  />
                </div>
                <div className="field">
                  <label htmlFor="answer-session">{t('inbox.answer.session')}</label>
                  <select
                    id="answer-session"
                    name="sessionId"
                    defaultValue={
                      actionData?.sessionId ??
                      (sessions.some((s) => s.id === c.sessionId) ? c.sessionId : sessions[0]?.id)
                    }
                  >
                    {sessions.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </div>
                <p className="muted">{t('inbox.answer.hint')}</p>
                <SubmitButton label={t('inbox.answer.submit')} pendingLabel={t('inbox.answer.sending')} />
              </Form>
            )}
          </section>
          <section className="card inbox-actions">
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value={c.handled ? 'reopen' : 'handled'}
                className="secondary"
              >
                {t(c.handled ? 'inbox.handled.reopen' : 'inbox.handled.mark')}
              </button>
            </Form>
            <Form method="post" className="inbox-assign">
              <input type="hidden" name="intent" value="assign" />
              <label htmlFor="assign-user">{t('inbox.assign.label')}</label>{' '}
              <select id="assign-user" name="userId" defaultValue={c.assignedTo ?? ''}>
                <option value="">{t('inbox.assign.nobody')}</option>
                {staff.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>{' '}
              <button type="submit" className="secondary">
                {t('inbox.assign.submit')}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <p className="muted">{t('inbox.answer.viewerOnly')}</p>
      )}
    </>
  )
}
