// One card per AI platform: its saved providers (status, default, last test) with their forms for
// admins, read-only details for everyone else, and a form to add one (OpenAI-compatible: several).
import { Form } from '@remix-run/react'
import { type AiActionData, AiProviderForm } from '~/components/ai-provider-form'
import { SubmitButton } from '~/components/submit-button'
import { type AiPlatform, PLATFORMS, type ProviderView } from '~/core/ai/platforms'
import type { Locale, Translate } from '~/i18n'

/** A saved provider as the page sees it (no key, only its masked tail). */
export type AiProviderItem = ProviderView

const STATUS_CLASS = { active: 'badge ok', error: 'badge bad', untested: 'badge' } as const

function formatTime(locale: Locale, at: number): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  }).format(new Date(at))
}

/** The sentence under the badge; it and the badge both come from the stored status and test time. */
function testLine(provider: AiProviderItem, locale: Locale, t: Translate): string {
  if (provider.lastTestedAt === null) return t('ai.neverTested')
  const at = formatTime(locale, provider.lastTestedAt)
  if (provider.status === 'active') return t('ai.testedOk', { at })
  if (provider.status === 'error') return t('ai.testedFailed', { at })
  return t('ai.changedSinceTest', { at })
}

function ProviderStatus({ provider, locale, t }: { provider: AiProviderItem; locale: Locale; t: Translate }) {
  return (
    <div className="ai-status">
      <p>
        <span className={STATUS_CLASS[provider.status]} data-testid={`ai-status-${provider.id}`}>
          {t(`ai.status.${provider.status}`)}
        </span>{' '}
        {provider.isDefault ? <span className="badge ok">{t('ai.default')}</span> : null}{' '}
        <span className="muted" data-testid={`ai-tested-${provider.id}`}>
          {testLine(provider, locale, t)}
        </span>
      </p>
      {provider.status === 'error' && provider.lastError ? (
        <p className="error" role="status">
          {t(provider.lastError)}
        </p>
      ) : null}
    </div>
  )
}

function ProviderDetails({ provider, t }: { provider: AiProviderItem; t: Translate }) {
  return (
    <dl className="ai-details">
      <dt>{t('ai.baseUrl')}</dt>
      <dd>{provider.baseUrl}</dd>
      <dt>{t('ai.model')}</dt>
      <dd>{provider.model ?? t('ai.noModel')}</dd>
      {provider.platform === 'ollama' ? null : (
        <>
          <dt>{t('ai.apiKey')}</dt>
          <dd>{provider.keyMask ?? t('ai.noKey')}</dd>
        </>
      )}
    </dl>
  )
}

function ProviderActions({ provider, t }: { provider: AiProviderItem; t: Translate }) {
  return (
    <div className="row-actions">
      {provider.isDefault ? null : (
        <Form method="post">
          <input type="hidden" name="id" value={provider.id} />
          <SubmitButton
            name="intent"
            value="default"
            label={t('ai.makeDefault')}
            pendingLabel={t('common.saving')}
            className="secondary"
          />
        </Form>
      )}
      <Form
        method="post"
        onSubmit={(event) => {
          if (!window.confirm(t('ai.deleteConfirm', { name: provider.name }))) event.preventDefault()
        }}
      >
        <input type="hidden" name="id" value={provider.id} />
        <SubmitButton
          name="intent"
          value="delete"
          label={t('ai.delete')}
          pendingLabel={t('ai.deleting')}
          className="danger"
        />
      </Form>
    </div>
  )
}

export function AiPlatformCard(props: {
  platform: AiPlatform
  providers: AiProviderItem[]
  isAdmin: boolean
  allowPrivate: boolean
  actionData?: AiActionData
  locale: Locale
  t: Translate
}) {
  const { platform, providers, isAdmin, t } = props
  const info = PLATFORMS[platform]
  const several = platform === 'openai-compatible'
  const addKey = `new-${platform}`
  // A refused "add" (e.g. the platform was configured meanwhile) re-renders its form with the reason.
  const canAdd = isAdmin && (several || providers.length === 0 || props.actionData?.formKey === addKey)
  return (
    <section className="card" aria-labelledby={`ai-${platform}`} data-testid={`ai-platform-${platform}`}>
      <h2 id={`ai-${platform}`}>{t(info.name)}</h2>
      <p className="muted">{t(`ai.platform.${platform}`)}</p>
      {providers.map((p) => (
        <article key={p.id} className="ai-provider" data-testid={`ai-provider-${p.id}`}>
          {several ? <h3>{p.name}</h3> : null}
          <ProviderStatus provider={p} locale={props.locale} t={t} />
          {isAdmin ? (
            <>
              <AiProviderForm
                key={`${p.id}|${p.name}|${p.baseUrl}|${p.model}|${p.keyMask}`}
                platform={platform}
                provider={p}
                actionData={props.actionData}
                allowPrivate={props.allowPrivate}
                t={t}
              />
              <ProviderActions provider={p} t={t} />
            </>
          ) : (
            <ProviderDetails provider={p} t={t} />
          )}
        </article>
      ))}
      {providers.length === 0 && !isAdmin ? <p>{t('ai.notConfigured')}</p> : null}
      {canAdd ? (
        <details key={providers.length} open={props.actionData?.formKey === addKey}>
          <summary>
            {providers.length > 0 ? t('ai.addAnother') : t('ai.configure', { name: info.name })}
          </summary>
          <AiProviderForm
            platform={platform}
            actionData={props.actionData}
            allowPrivate={props.allowPrivate}
            t={t}
          />
        </details>
      ) : null}
    </section>
  )
}
