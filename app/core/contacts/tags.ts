// Tag names (decision 036): what a tag may be called and when two names are the same tag. Two names
// that differ only in case, accents or spacing are one tag (the first spelling is kept).

/** Longest tag name, in characters. */
const TAG_MAX_LENGTH = 40
/** Most tags one import row gives a person (a huge tags cell keeps its first ones and says so). */
const TAGS_PER_ROW_MAX = 20

const COMBINING = /\p{M}/gu
const SPACES = /\s+/g

/** A tag name as shown: trimmed, inner spaces collapsed. */
function tagName(raw: string): string {
  return raw.replace(SPACES, ' ').trim()
}

/** The key two spellings of one tag share: lowercase, no accents, single spaces. */
export function tagKey(name: string): string {
  return tagName(name).normalize('NFD').replace(COMBINING, '').toLowerCase()
}

type TagNameCheck = { ok: true; name: string; key: string } | { ok: false; reason: 'empty' | 'tooLong' }

/** Checks a typed tag name. */
export function checkTagName(raw: string): TagNameCheck {
  const name = tagName(raw)
  if (name === '') return { ok: false, reason: 'empty' }
  if (name.length > TAG_MAX_LENGTH) return { ok: false, reason: 'tooLong' }
  return { ok: true, name, key: tagKey(name) }
}

/**
 * The tags of an import cell ("vip, cliente; 2024"): split on commas and semicolons, empty parts and
 * repeats (by key) dropped, names cut at TAG_MAX_LENGTH, at most TAGS_PER_ROW_MAX kept.
 */
export function splitTags(cell: string): { tags: string[]; truncated: boolean } {
  const tags: string[] = []
  const keys = new Set<string>()
  let truncated = false
  for (const part of cell.split(/[,;]/)) {
    let name = tagName(part)
    if (name === '') continue
    if (name.length > TAG_MAX_LENGTH) {
      name = name.slice(0, TAG_MAX_LENGTH).trimEnd()
      truncated = true
    }
    const key = tagKey(name)
    if (keys.has(key)) continue
    if (tags.length >= TAGS_PER_ROW_MAX) {
      truncated = true
      break
    }
    keys.add(key)
    tags.push(name)
  }
  return { tags, truncated }
}
