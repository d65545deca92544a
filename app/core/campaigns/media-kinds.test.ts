import { describe, expect, it } from 'vitest'
import {
  ascii,
  DOCX,
  EXE,
  JPEG,
  join,
  M4A,
  MP3_FRAME,
  MP3_ID3,
  MP4,
  OGG_OPUS,
  PDF,
  PNG,
  sized,
  WAV,
  WEBP,
  XLSX,
} from '../../../tests/fixtures/media-bytes'
import { ptText } from '../../i18n'
import { checkMedia, documentName, MEDIA_LIMITS, mediaKindOf, sniffMedia } from './media-kinds'

describe('sniffMedia', () => {
  it.each([
    ['JPEG', JPEG, 'image', 'image/jpeg'],
    ['PNG', PNG, 'image', 'image/png'],
    ['WebP', WEBP, 'image', 'image/webp'],
    ['PDF', PDF, 'document', 'application/pdf'],
    ['DOCX', DOCX, 'document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', XLSX, 'document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['MP4', MP4, 'video', 'video/mp4'],
    ['OGG/Opus', OGG_OPUS, 'voice', 'audio/ogg; codecs=opus'],
    ['MP3 with ID3', MP3_ID3, 'voice', 'audio/mpeg'],
    ['MP3 frame', MP3_FRAME, 'voice', 'audio/mpeg'],
    ['M4A', M4A, 'voice', 'audio/mp4'],
    ['WAV', WAV, 'voice', 'audio/wav'],
  ])('should recognise %s by its bytes', (_name, bytes, kind, mimetype) => {
    expect(sniffMedia(bytes)).toMatchObject({ kind, mimetype })
  })

  it.each([
    ['an executable', EXE],
    [
      'a plain ZIP (not an Office file)',
      join(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), ascii('payload.bin')),
    ],
    ['a GIF', ascii('GIF89a')],
    ['an SVG', ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a QuickTime MOV', join(new Uint8Array([0, 0, 0, 0x14]), ascii('ftypqt  \u0000\u0000\u0000\u0000'))],
    ['a truncated PNG header', new Uint8Array([0x89, 0x50, 0x4e])],
    ['text', ascii('isto não é um arquivo')],
    ['nothing', new Uint8Array()],
  ])('should refuse %s', (_name, bytes) => {
    expect(sniffMedia(bytes)).toBeNull()
  })
})

describe('checkMedia', () => {
  const message = (r: ReturnType<typeof checkMedia>) => (r.ok ? null : ptText(r.text))

  it('should accept each kind within its limit', () => {
    expect(checkMedia(sized(PDF, 1000))).toMatchObject({ ok: true, kind: 'document', ext: 'pdf' })
    expect(checkMedia(sized(MP4, MEDIA_LIMITS.video))).toMatchObject({ ok: true, kind: 'video' })
    expect(checkMedia(sized(OGG_OPUS, 2000))).toMatchObject({ ok: true, kind: 'voice', ext: 'ogg' })
  })

  it('should refuse a .pdf that is really an executable, saying the content is what counts', () => {
    expect(message(checkMedia(EXE))).toBe(
      'Este arquivo não é de um tipo aceito. Envie uma imagem (JPEG, PNG, WebP), um documento (PDF, DOCX, XLSX, PPTX), um vídeo MP4 ou um áudio (OGG, MP3, M4A, WAV). O nome do arquivo não conta: vale o conteúdo.',
    )
    expect(message(checkMedia(EXE, 'document'))).toBe('O arquivo não é um PDF, DOCX, XLSX ou PPTX válido.')
  })

  it('should refuse an empty file', () => {
    expect(message(checkMedia(new Uint8Array()))).toBe('O arquivo está vazio. Escolha o arquivo de novo.')
  })

  it('should refuse a file over its kind’s limit, naming the kind and the limit', () => {
    expect(message(checkMedia(sized(PNG, MEDIA_LIMITS.image + 1)))).toBe(
      'Imagem tem limite de 5 MB. Reduza o arquivo e envie de novo.',
    )
    expect(message(checkMedia(sized(MP4, MEDIA_LIMITS.video + 1)))).toBe(
      'Vídeo tem limite de 16 MB. Reduza o arquivo e envie de novo.',
    )
    expect(message(checkMedia(sized(MP3_ID3, MEDIA_LIMITS.voice + 1)))).toBe(
      'Mensagem de voz tem limite de 16 MB. Reduza o arquivo e envie de novo.',
    )
    expect(message(checkMedia(sized(PDF, MEDIA_LIMITS.document + 1)))).toBe(
      'O arquivo passa de 20 MB, o maior tamanho aceito. Reduza e envie de novo.',
    )
  })

  it('should refuse a file of another kind than the one asked for', () => {
    expect(message(checkMedia(MP4, 'voice'))).toBe(
      'O arquivo é do tipo Vídeo, mas o esperado era Mensagem de voz.',
    )
    expect(checkMedia(PNG, 'image')).toMatchObject({ ok: true })
  })
})

describe('documentName', () => {
  it('should keep the name, drop folders and odd characters, and take the extension from the bytes', () => {
    expect(documentName('Catálogo Verão 2026.pdf', 'pdf')).toBe('Catálogo Verão 2026.pdf')
    expect(documentName('C:\\Users\\ana\\tabela.xlsx', 'xlsx')).toBe('tabela.xlsx')
    expect(documentName('contrato.pdf', 'docx')).toBe('contrato.docx')
    expect(documentName('"<a>".pdf', 'pdf')).toBe('a.pdf')
    expect(documentName('', 'pdf')).toBe('documento.pdf')
    expect(documentName(`${'x'.repeat(300)}.pdf`, 'pdf')).toHaveLength(94)
  })
})

describe('mediaKindOf', () => {
  it('should read rows from before kinds as images', () => {
    expect(mediaKindOf({ mediaKey: 'media/t/img_1', mediaKind: null })).toBe('image')
    expect(mediaKindOf({ mediaKey: 'media/t/med_1', mediaKind: 'voice' })).toBe('voice')
    expect(mediaKindOf({ mediaKey: null, mediaKind: 'voice' })).toBeNull()
  })
})
