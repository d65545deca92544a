// The DDDs a region condition selects (decision 037): a state's DDDs, only its capital's, or all but it.
import { DDD_TO_UF, type Uf } from '../../phone/ddd'

/** The DDD of each state's capital (ANATEL's numbering plan). */
export const CAPITAL_DDD: Record<Uf, number> = {
  AC: 68,
  AL: 82,
  AM: 92,
  AP: 96,
  BA: 71,
  CE: 85,
  DF: 61,
  ES: 27,
  GO: 62,
  MA: 98,
  MG: 31,
  MS: 67,
  MT: 65,
  PA: 91,
  PB: 83,
  PE: 81,
  PI: 86,
  PR: 41,
  RJ: 21,
  RN: 84,
  RO: 69,
  RR: 95,
  RS: 51,
  SC: 48,
  SE: 79,
  SP: 11,
  TO: 63,
}

/** The two-digit DDDs (as text, as they appear in +55DDxxxx) of these states. */
export function regionDdds(ufs: readonly Uf[], capital: 'any' | 'capital' | 'interior'): string[] {
  const wanted = new Set(ufs)
  const capitals = new Set(ufs.map((uf) => CAPITAL_DDD[uf]))
  const out: string[] = []
  for (const [ddd, uf] of DDD_TO_UF) {
    if (!wanted.has(uf)) continue
    if (capital === 'capital' && !capitals.has(ddd)) continue
    if (capital === 'interior' && capitals.has(ddd)) continue
    out.push(String(ddd))
  }
  return out.sort()
}
