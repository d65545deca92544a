// Pure conversions of WAHA values for display and storage (phone of `me`, the QR image).

/** `5511999990000@c.us` (or `...:12@s.whatsapp.net`) to `+5511999990000`; null when not a phone. */
export function phoneFromMeId(id: string | null | undefined): string | null {
  if (!id) return null
  const [local = '', domain = ''] = id.split('@')
  if (domain !== 'c.us' && domain !== 's.whatsapp.net') return null // @lid ids are not phones
  const user = local.split(':')[0] ?? ''
  return /^\d{10,15}$/.test(user) ? `+${user}` : null
}

/** A safe `data:` URL for an <img> from WAHA's base64 QR (images only, base64 alphabet only). */
export function qrDataUrl(mimetype: string, data: string): string | null {
  if (!/^image\/(png|jpeg|gif|webp)$/.test(mimetype)) return null
  const compact = data.replace(/\s+/g, '')
  if (compact === '' || compact.length > 200_000 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null
  return `data:${mimetype};base64,${compact}`
}
