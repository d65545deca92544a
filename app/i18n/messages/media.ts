// Campaign attachments (decision 034): the kinds, what each accepts, and why an upload was refused.
export const mediaMessages = {
  'pt-BR': {
    'media.kind.image': 'Imagem',
    'media.kind.document': 'Documento',
    'media.kind.video': 'Vídeo',
    'media.kind.voice': 'Mensagem de voz',
    'media.field': 'Anexo (opcional)',
    'media.hint':
      'Imagem (JPEG, PNG ou WebP, até 5 MB), documento (PDF, DOCX, XLSX ou PPTX, até 20 MB), vídeo (MP4, até 16 MB) ou mensagem de voz (OGG, MP3, M4A ou WAV, até 16 MB). O tipo é reconhecido pelo conteúdo do arquivo.',
    'media.attached': 'Anexo: {kind}',
    'media.remove': 'Remover anexo',
    'media.open': 'Abrir o arquivo',
    'media.voiceNoText':
      'Mensagem de voz vai sem texto: o WhatsApp não põe legenda em áudio. Deixe os textos em branco.',
    'media.none': 'Sem anexo',
    'media.linkPreview': 'Mostrar prévia dos links',
    'media.linkPreviewHint':
      'O WhatsApp mostra título e imagem do primeiro link da mensagem. Vale só para mensagens sem anexo.',
    'media.errors.empty': 'O arquivo está vazio. Escolha o arquivo de novo.',
    'media.errors.type':
      'Este arquivo não é de um tipo aceito. Envie uma imagem (JPEG, PNG, WebP), um documento (PDF, DOCX, XLSX, PPTX), um vídeo MP4 ou um áudio (OGG, MP3, M4A, WAV). O nome do arquivo não conta: vale o conteúdo.',
    'media.errors.notA.image': 'O arquivo não é uma imagem JPEG, PNG ou WebP válida.',
    'media.errors.notA.document': 'O arquivo não é um PDF, DOCX, XLSX ou PPTX válido.',
    'media.errors.notA.video': 'O arquivo não é um vídeo MP4 válido.',
    'media.errors.notA.voice': 'O arquivo não é um áudio OGG, MP3, M4A ou WAV válido.',
    'media.errors.wrongKind': 'O arquivo é do tipo {found}, mas o esperado era {wanted}.',
    'media.errors.tooBig': '{kind} tem limite de {limit}. Reduza o arquivo e envie de novo.',
    'media.errors.tooBigAny': 'O arquivo passa de {limit}, o maior tamanho aceito. Reduza e envie de novo.',
    'media.errors.voiceText':
      'Mensagem de voz não leva texto (o WhatsApp não aceita legenda em áudio). Apague os textos ou anexe outro tipo de arquivo.',
  },
  en: {
    'media.kind.image': 'Image',
    'media.kind.document': 'Document',
    'media.kind.video': 'Video',
    'media.kind.voice': 'Voice message',
    'media.field': 'Attachment (optional)',
    'media.hint':
      'Image (JPEG, PNG or WebP, up to 5 MB), document (PDF, DOCX, XLSX or PPTX, up to 20 MB), video (MP4, up to 16 MB) or voice message (OGG, MP3, M4A or WAV, up to 16 MB). The type is recognised from the file’s content.',
    'media.attached': 'Attachment: {kind}',
    'media.remove': 'Remove attachment',
    'media.open': 'Open the file',
    'media.voiceNoText':
      'A voice message goes without text: WhatsApp puts no caption on audio. Leave the texts blank.',
    'media.none': 'No attachment',
    'media.linkPreview': 'Show link previews',
    'media.linkPreviewHint':
      'WhatsApp shows the title and picture of the message’s first link. Applies only to messages without an attachment.',
    'media.errors.empty': 'The file is empty. Choose the file again.',
    'media.errors.type':
      'This file is not of an accepted type. Upload an image (JPEG, PNG, WebP), a document (PDF, DOCX, XLSX, PPTX), an MP4 video or audio (OGG, MP3, M4A, WAV). The file name does not count: its content does.',
    'media.errors.notA.image': 'The file is not a valid JPEG, PNG or WebP image.',
    'media.errors.notA.document': 'The file is not a valid PDF, DOCX, XLSX or PPTX.',
    'media.errors.notA.video': 'The file is not a valid MP4 video.',
    'media.errors.notA.voice': 'The file is not valid OGG, MP3, M4A or WAV audio.',
    'media.errors.wrongKind': 'The file is of type {found}, but {wanted} was expected.',
    'media.errors.tooBig': '{kind} is limited to {limit}. Make the file smaller and upload it again.',
    'media.errors.tooBigAny':
      'The file is over {limit}, the largest size accepted. Make it smaller and upload again.',
    'media.errors.voiceText':
      'A voice message carries no text (WhatsApp takes no caption on audio). Delete the texts or attach another kind of file.',
  },
} as const
