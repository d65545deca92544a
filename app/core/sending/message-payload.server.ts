// Which WAHA call carries a campaign message, with which payload (decision 034): a text alone goes by
// sendText with the campaign's link-preview choice; an image by sendImage, a document by sendFile (with
// its file name), a video by sendVideo — each with the text as caption; a voice note by sendVoice,
// which has no caption in WAHA's schema, so the composer keeps voice campaigns without text and the
// text, if any, is not sent (one call per message: nothing to repeat after a crash). The file goes as
// a short-lived signed URL WAHA downloads, or as base64 when the session asks for it. A poll (decision
// 038) goes by sendPoll: the rendered text is its question, the options as the campaign stores them.
import type { campaigns } from '../../../db/schema'
import { ptText } from '../../i18n'
import { text } from '../../i18n/text'
import { MEDIA_TYPES, mediaKindOf } from '../campaigns/media-kinds'
import type { AppContext } from '../context.server'
import { toBase64 } from '../crypto/encoding'
import { signMediaUrl } from '../crypto/hmac'
import type { WahaClient } from '../waha/client'
import type { WahaError, WahaResult } from '../waha/errors'
import type { WahaMediaFile, WahaSendResult } from '../waha/types'

/** What of a campaign decides the call (a test send builds it from the composer's form). */
export type MessageMedia = Pick<
  typeof campaigns.$inferSelect,
  'mediaKey' | 'mediaKind' | 'mediaType' | 'mediaName' | 'linkPreview' | 'baseUrl'
> & { poll?: (typeof campaigns.$inferSelect)['poll'] }

const MEDIA_URL_TTL_MS = 60 * 60 * 1000

export type PayloadDeps = {
  ctx: Pick<AppContext, 'env' | 'config' | 'clock'>
  client: Pick<WahaClient, 'sendText' | 'sendImage' | 'sendFile' | 'sendVideo' | 'sendVoice' | 'sendPoll'>
  sessionName: string
  /** The session's media mode: `base64` sends the bytes, anything else a signed URL. */
  mediaMode: string | null
}

/** Sends one rendered message of the campaign through the WAHA call its attachment needs. */
export async function sendCampaignMessage(
  deps: PayloadDeps,
  campaign: MessageMedia,
  chatId: string,
  body: string,
): Promise<WahaResult<WahaSendResult>> {
  const target = { session: deps.sessionName, chatId }
  if (campaign.poll) {
    const { options, multipleAnswers } = campaign.poll
    return deps.client.sendPoll({ ...target, poll: { name: body.trim(), options, multipleAnswers } })
  }
  const kind = mediaKindOf(campaign)
  if (!kind) return deps.client.sendText({ ...target, text: body, linkPreview: campaign.linkPreview })
  const mimetype = campaign.mediaType ?? 'image/jpeg'
  const ext = MEDIA_TYPES[mimetype]?.ext ?? 'bin'
  const file = await fileOf(deps, campaign, mimetype)
  if (!file) return { ok: false, error: missingMedia() }
  const caption = body.trim() === '' ? {} : { caption: body }
  switch (kind) {
    case 'image':
      return deps.client.sendImage({ ...target, file: { ...file, filename: `imagem.${ext}` }, ...caption })
    case 'document':
      return deps.client.sendFile({
        ...target,
        file: { ...file, filename: campaign.mediaName ?? `documento.${ext}` },
        ...caption,
      })
    case 'video':
      return deps.client.sendVideo({
        ...target,
        file: { ...file, filename: `video.${ext}` },
        convert: false,
        ...caption,
      })
    case 'voice':
      // WhatsApp plays OGG/Opus voice notes; anything else WAHA converts with ffmpeg. The spec's
      // VoiceBinaryFile requires a file name; VoiceRemoteFile has none.
      return deps.client.sendVoice({
        ...target,
        file: 'data' in file ? { ...file, filename: `voz.${ext}` } : file,
        convert: mimetype !== 'audio/ogg; codecs=opus',
      })
  }
}

/** The file as a signed URL (default) or base64 bytes; null when the stored object is gone. */
async function fileOf(
  deps: PayloadDeps,
  campaign: MessageMedia,
  mimetype: string,
): Promise<WahaMediaFile | null> {
  const key = campaign.mediaKey as string
  if (deps.mediaMode === 'base64' || !campaign.baseUrl) {
    const object = await deps.ctx.env.FILES.get(key)
    if (!object) return null
    return { mimetype, data: toBase64(new Uint8Array(await object.arrayBuffer())) }
  }
  const signed = await signMediaUrl(
    `/media/${key}`,
    deps.ctx.clock() + MEDIA_URL_TTL_MS,
    deps.ctx.config.mediaSigningSecret,
  )
  return { mimetype, url: `${campaign.baseUrl}${signed}` }
}

const MEDIA_MISSING = text('send.mediaMissing')

function missingMedia(): WahaError {
  return {
    kind: 'bad_request',
    problems: [ptText('waha.problem.mediaMissing')],
    text: MEDIA_MISSING,
    message: ptText(MEDIA_MISSING),
    definite: true,
    retryable: false,
    httpStatus: null,
    detail: null,
  }
}
