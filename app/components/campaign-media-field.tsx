// The composer's attachment (decision 034): one file input for an image, document, video or voice
// note (the server recognises the kind by the file's bytes), a preview of what is attached — the
// picture, the document's name, a video or audio player — and the link-preview choice. Everything
// works without JavaScript: the preview comes from the server, removing is a submit button.
import { type FieldMetadata, getInputProps } from '@conform-to/react'
import type { MediaKind } from '~/core/campaigns/media-kinds'
import type { Translate } from '~/i18n'
import { FieldErrors } from './form-field'

export type ShownMedia = { key: string; type: string; kind: MediaKind; name: string | null }

const ACCEPT = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  '.docx',
  '.xlsx',
  '.pptx',
  'video/mp4',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
  '.ogg',
  '.opus',
  '.mp3',
  '.m4a',
  '.wav',
].join(',')

/** What is attached, as the recipient will get it (the file is served to the tenant only). */
export function MediaPreview({ media, url, t }: { media: ShownMedia; url: string | null; t: Translate }) {
  const label = t(`media.kind.${media.kind}`)
  const box = { display: 'block', maxWidth: '14rem', maxHeight: '14rem', borderRadius: 8, margin: '.4rem 0' }
  return (
    <div data-testid="media-preview" data-kind={media.kind}>
      <span className="muted">{t('media.attached', { kind: label })}</span>
      {url && media.kind === 'image' ? <img src={url} alt={label} style={box} /> : null}
      {url && media.kind === 'video' ? (
        // biome-ignore lint/a11y/useMediaCaption: the campaign's own video; it has no caption track
        <video src={url} controls preload="metadata" style={box} />
      ) : null}
      {url && media.kind === 'voice' ? (
        // biome-ignore lint/a11y/useMediaCaption: the campaign's own voice note; it has no caption track
        <audio src={url} controls preload="metadata" style={{ display: 'block', margin: '.4rem 0' }} />
      ) : null}
      {media.kind === 'document' ? (
        <p style={{ margin: '.4rem 0' }}>
          <span aria-hidden="true">📄 </span>
          {url ? <a href={url}>{media.name ?? label}</a> : <strong>{media.name ?? label}</strong>}
        </p>
      ) : null}
      {media.kind === 'voice' ? <p className="hint">{t('media.voiceNoText')}</p> : null}
    </div>
  )
}

export function CampaignMediaField(props: {
  media: ShownMedia | null
  mediaUrl: string | null
  errors?: string[]
  linkPreview: FieldMetadata<boolean | undefined>
  t: Translate
}) {
  const { media, t } = props
  return (
    <>
      <div className="field">
        <label htmlFor="composer-image">{t('media.field')}</label>
        {media ? (
          <div data-testid="current-image">
            <input type="hidden" name="mediaKey" value={media.key} key={`k-${media.key}`} />
            <input type="hidden" name="mediaType" value={media.type} key={`t-${media.key}`} />
            <input type="hidden" name="mediaKind" value={media.kind} key={`c-${media.key}`} />
            <input type="hidden" name="mediaName" value={media.name ?? ''} key={`n-${media.key}`} />
            <MediaPreview media={media} url={props.mediaUrl} t={t} />
            <button type="submit" name="intent" value="remove-image" className="secondary" formNoValidate>
              {t('media.remove')}
            </button>
          </div>
        ) : null}
        <input
          id="composer-image"
          type="file"
          name="image"
          accept={ACCEPT}
          aria-describedby="composer-image-hint"
          aria-invalid={props.errors?.length ? true : undefined}
        />
        <span className="hint" id="composer-image-hint">
          {t('media.hint')}
        </span>
        <FieldErrors id="composer-image-error" errors={props.errors} t={t} />
      </div>
      <div className="field">
        <label>
          <input
            {...getInputProps(props.linkPreview, { type: 'checkbox' })}
            aria-describedby="composer-link-preview-hint"
          />{' '}
          {t('media.linkPreview')}
        </label>
        <span className="hint" id="composer-link-preview-hint">
          {t('media.linkPreviewHint')}
        </span>
      </div>
    </>
  )
}
