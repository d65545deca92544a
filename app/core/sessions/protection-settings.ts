// The number-protection settings of a session (decision 020): warm-up, rest packages and the
// first-contact budget, and the cross-field checks the session form and the server both run.

/** The number-protection values of a session (warm-up, rest packages, first-contact budget). */
export interface ProtectionValues {
  dailyCap: number
  warmupEnabled: boolean
  warmupStartCap: number
  warmupDays: number
  packageMin: number
  packageMax: number
  restMinMin: number
  restMaxMin: number
  firstContactDailyBudget: number
}

/**
 * Cross-field problems of the protection values (the form and the server both run them): the warm-up
 * starts at or below the daily cap, package and rest ranges go min..max, and a package size of 0 turns
 * rest packages off only when both ends are 0.
 */
export function protectionProblems(v: ProtectionValues): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  const ints = [
    v.warmupStartCap,
    v.warmupDays,
    v.packageMin,
    v.packageMax,
    v.restMinMin,
    v.restMaxMin,
    v.firstContactDailyBudget,
  ]
  if (!ints.every((n) => Number.isInteger(n))) return out
  if (v.warmupDays < 1) out.push({ field: 'warmupDays', message: 'protection.errors.warmupDays' })
  if (v.warmupStartCap < 1) out.push({ field: 'warmupStartCap', message: 'protection.errors.warmupStartCap' })
  else if (v.warmupStartCap > v.dailyCap)
    out.push({ field: 'warmupStartCap', message: 'protection.errors.warmupAboveCap' })
  if (v.packageMin < 0 || v.packageMax < 0)
    out.push({ field: 'packageMin', message: 'protection.errors.package' })
  else if ((v.packageMin === 0) !== (v.packageMax === 0))
    out.push({ field: 'packageMin', message: 'protection.errors.packageOff' })
  else if (v.packageMin > v.packageMax)
    out.push({ field: 'packageMax', message: 'protection.errors.packageOrder' })
  if (v.restMinMin < 0 || v.restMaxMin < 0)
    out.push({ field: 'restMinMin', message: 'protection.errors.rest' })
  else if (v.restMinMin > v.restMaxMin)
    out.push({ field: 'restMaxMin', message: 'protection.errors.restOrder' })
  // 0 = no limit (decision 019).
  if (v.firstContactDailyBudget < 0)
    out.push({ field: 'firstContactDailyBudget', message: 'protection.errors.firstContactBudget' })
  return out
}
