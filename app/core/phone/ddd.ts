// Brazilian area codes (DDD) and the state (UF) each one serves (ANATEL's numbering plan), for
// area-code affinity (decision 020): a contact prefers the session whose own number shares its DDD,
// then one in the same state. DDD 61 serves the Federal District (and a few towns of Goiás around it).

export type Uf =
  | 'AC'
  | 'AL'
  | 'AM'
  | 'AP'
  | 'BA'
  | 'CE'
  | 'DF'
  | 'ES'
  | 'GO'
  | 'MA'
  | 'MG'
  | 'MS'
  | 'MT'
  | 'PA'
  | 'PB'
  | 'PE'
  | 'PI'
  | 'PR'
  | 'RJ'
  | 'RN'
  | 'RO'
  | 'RR'
  | 'RS'
  | 'SC'
  | 'SE'
  | 'SP'
  | 'TO'

const BY_UF: Record<Uf, readonly number[]> = {
  SP: [11, 12, 13, 14, 15, 16, 17, 18, 19],
  RJ: [21, 22, 24],
  ES: [27, 28],
  MG: [31, 32, 33, 34, 35, 37, 38],
  PR: [41, 42, 43, 44, 45, 46],
  SC: [47, 48, 49],
  RS: [51, 53, 54, 55],
  DF: [61],
  GO: [62, 64],
  TO: [63],
  MT: [65, 66],
  MS: [67],
  AC: [68],
  RO: [69],
  BA: [71, 73, 74, 75, 77],
  SE: [79],
  PE: [81, 87],
  AL: [82],
  PB: [83],
  RN: [84],
  CE: [85, 88],
  PI: [86, 89],
  PA: [91, 93, 94],
  AM: [92, 97],
  RR: [95],
  AP: [96],
  MA: [98, 99],
}

/** DDD → UF for every DDD in use. */
export const DDD_TO_UF: ReadonlyMap<number, Uf> = new Map(
  (Object.entries(BY_UF) as [Uf, readonly number[]][]).flatMap(([uf, ddds]) =>
    ddds.map((d) => [d, uf] as const),
  ),
)

/** The DDD of a Brazilian E.164 number (+55 DDD number), or null for other countries or unknown DDDs. */
export function dddOf(e164: string | null | undefined): number | null {
  const m = /^\+55(\d{2})\d{8,9}$/.exec(e164 ?? '')
  if (!m) return null
  const ddd = Number(m[1])
  return DDD_TO_UF.has(ddd) ? ddd : null
}

/** The state a DDD serves, or null. */
export function ufOfDdd(ddd: number | null): Uf | null {
  return ddd === null ? null : (DDD_TO_UF.get(ddd) ?? null)
}
