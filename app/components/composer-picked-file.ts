// The composer with JavaScript checks its form in the browser before the chosen file is uploaded (the
// server stores it and decides its kind by the bytes, decision 034). Those checks must judge the form
// as the server will: a picked file is the attachment (so a voice note needs no text and a caption's
// limit applies), its kind guessed from the browser's type as the local preview does.
export type GuessedKind = 'image' | 'video' | 'voice' | 'document'

/** The attachment kind a browser type suggests (a guess for previews and checks only). */
export function guessKind(type: string): GuessedKind {
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('video/')) return 'video'
  if (type.startsWith('audio/')) return 'voice'
  return 'document'
}

/** The form data as the server will see it once the picked file (field `image`) is stored. */
export function withPickedFile(formData: FormData): FormData {
  const file = formData.get('image')
  if (!(file instanceof File) || file.size === 0) return formData
  const copy = new FormData()
  for (const [key, value] of formData) copy.append(key, value)
  copy.set('mediaKey', copy.get('mediaKey') || 'picked')
  copy.set('mediaKind', guessKind(file.type))
  return copy
}
