// Attachments in the composer (decision 034) through the real Worker: the kind comes from the bytes
// (a .pdf that is really an executable is refused), a document keeps its name, the form's hidden
// fields cannot change what R2 recorded, a voice note goes without text, link previews are saved, and
// the composer, the review and the campaign page show each kind.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DOCX, EXE, MP4, OGG_OPUS, PDF, PNG, sized } from '../fixtures/media-bytes'
import { campaignFixture, composerForm, postComposer, tenantCampaigns } from './campaigns-helpers'
import { appFetch } from './helpers/app'

describe('composer attachments', () => {
  it('should store a document by its bytes with its name, preview it, and show its kind on the campaign page', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(
        f,
        {},
        { name: 'C:\\docs\\Tabela de preços.pdf', bytes: sized(DOCX, 900), type: 'application/pdf' },
      ),
    )
    expect(res.status).toBe(303)
    const [row] = await tenantCampaigns(f)
    expect(row).toMatchObject({
      mediaKind: 'document',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      // the extension follows the bytes (a DOCX), not the name typed
      mediaName: 'Tabela de preços.docx',
    })
    expect(row?.mediaKey).toMatch(new RegExp(`^media/${f.tenantId}/med_[a-z0-9]{16}$`))
    const head = await env.FILES.head(row!.mediaKey!)
    expect(head?.customMetadata).toEqual({ kind: 'document', name: 'Tabela de preços.docx' })

    const edit = await (
      await appFetch(`/campanhas/${row!.id}/editar`, { cookie: f.users.operator.cookie })
    ).text()
    expect(edit).toContain('data-kind="document"')
    expect(edit).toContain('Tabela de preços.docx')
    expect(edit).toContain('data-testid="review-document"')
    const page = await (await appFetch(`/campanhas/${row!.id}`, { cookie: f.users.viewer.cookie })).text()
    expect(page).toContain('Anexo: Documento')
    // Served to the tenant's staff as a download with its name, never run or sniffed.
    const file = await appFetch(`/campanhas/${row!.id}/imagem`, { cookie: f.users.viewer.cookie })
    expect(file.headers.get('Content-Disposition')).toContain(
      "filename*=UTF-8''Tabela%20de%20pre%C3%A7os.docx",
    )
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it('should refuse a .pdf that is really an executable, an empty file and an oversize video, saving nothing', async () => {
    const f = await campaignFixture()
    const exe = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'boleto.pdf', bytes: EXE, type: 'application/pdf' }),
    )
    expect(exe.status).toBe(400)
    expect(await exe.text()).toContain('O nome do arquivo não conta: vale o conteúdo.')
    const empty = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'vazio.pdf', bytes: new Uint8Array(), type: 'application/pdf' }),
    )
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('O arquivo está vazio. Escolha o arquivo de novo.')
    const big = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'video.mp4', bytes: sized(MP4, 16 * 1024 * 1024 + 1), type: 'video/mp4' }),
    )
    expect(big.status).toBe(400)
    expect(await big.text()).toContain('Vídeo tem limite de 16 MB.')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should keep what R2 recorded whatever the hidden fields say', async () => {
    const f = await campaignFixture()
    await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'a.png', bytes: PNG, type: 'image/png' }),
    )
    const [row] = await tenantCampaigns(f)
    const forged = composerForm(f, {
      mediaKey: row!.mediaKey!,
      mediaType: 'application/x-msdownload',
      mediaKind: 'document',
      mediaName: 'virus.exe',
    })
    expect((await postComposer(f.users.operator.cookie, forged, row!.id)).status).toBe(303)
    expect((await tenantCampaigns(f))[0]).toMatchObject({
      mediaKind: 'image',
      mediaType: 'image/png',
      mediaName: null,
    })
  })

  it('should refuse text with a voice note, and launch-check a voice note without text', async () => {
    const f = await campaignFixture()
    const voice = { name: 'recado.ogg', bytes: sized(OGG_OPUS, 800), type: 'audio/ogg' }
    const withText = await postComposer(f.users.operator.cookie, composerForm(f, {}, voice))
    expect(withText.status).toBe(400)
    const html = await withText.text()
    expect(html).toContain('Mensagem de voz não leva texto')
    // the voice note stays attached for the next submit
    expect(html).toContain('data-kind="voice"')
    expect(await tenantCampaigns(f)).toHaveLength(0)
    const alone = await postComposer(
      f.users.operator.cookie,
      composerForm(
        f,
        { 'texts[0]': '', intent: 'schedule', scheduleDate: '2099-01-10', scheduleTime: '10:00' },
        voice,
      ),
    )
    expect(alone.status).toBe(303)
    expect((await tenantCampaigns(f))[0]).toMatchObject({
      mediaKind: 'voice',
      texts: [],
      status: 'scheduled',
    })
  })

  it('should save the link preview choice and show a PDF in the review', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(
        f,
        { linkPreview: 'on', intent: 'refresh' },
        { name: 'cat.pdf', bytes: PDF, type: 'application/pdf' },
      ),
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('data-testid="review-document"')
    await postComposer(f.users.operator.cookie, composerForm(f, { linkPreview: 'on' }))
    await postComposer(f.users.operator.cookie, composerForm(f, {}))
    const rows = await tenantCampaigns(f)
    expect(rows.map((r) => r.linkPreview).sort()).toEqual([false, true])
  })
})
