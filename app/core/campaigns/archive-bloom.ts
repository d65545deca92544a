// A Bloom filter of an archive's phones (decision 042): ~10 bits and 7 hashes a message (about 1 %
// false positives, never a false negative), kept with the archive row so that the person page opens
// only the archives that may hold the phone. FNV-1a with double hashing; stored as base64.
const BITS_PER_ITEM = 10
const HASHES = 7

function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

function positions(text: string, bits: number): number[] {
  const h1 = fnv1a(text, 0)
  const h2 = fnv1a(text, 0x9e3779b9) | 1
  return Array.from({ length: HASHES }, (_, i) => (h1 + Math.imul(i, h2)) >>> 0).map((h) => h % bits)
}

export class PhoneBloom {
  private constructor(private readonly bytes: Uint8Array) {}

  /** An empty filter sized for `items` phones. */
  static sized(items: number): PhoneBloom {
    return new PhoneBloom(new Uint8Array(Math.max(8, Math.ceil((Math.max(1, items) * BITS_PER_ITEM) / 8))))
  }

  static fromBase64(encoded: string): PhoneBloom {
    return new PhoneBloom(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)))
  }

  add(phone: string) {
    for (const p of positions(phone, this.bytes.length * 8)) this.bytes[p >> 3]! |= 1 << (p & 7)
  }

  /** False: certainly not in the archive; true: probably. */
  mayHave(phone: string): boolean {
    return positions(phone, this.bytes.length * 8).every((p) => (this.bytes[p >> 3]! & (1 << (p & 7))) !== 0)
  }

  toBase64(): string {
    let s = ''
    for (const b of this.bytes) s += String.fromCharCode(b)
    return btoa(s)
  }
}
