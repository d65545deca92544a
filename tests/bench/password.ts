// Password check benchmark (`npm run bench:password`): CPU time of the guessability check
// (app/core/auth/password-strength.server.ts) on the same V8 as workerd, measured with process CPU time
// (workerd freezes its clocks between I/O, so it cannot time a synchronous check itself). Prints the
// one-off dictionary build (once per isolate) and per-check medians and maxima for typical and for
// hostile input (long, repetitive, l33t-heavy). Also compares one PBKDF2 hash, which every password
// set pays anyway. Shared machines are noisy: read the medians.
import { performance } from 'node:perf_hooks'
import { passwordStrengthProblem } from '../../app/core/auth/password-strength.server'
import { hashPassword } from '../../app/core/crypto/password'

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function time(fn: () => void, runs: number) {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = cpuMs()
    fn()
    samples.push(cpuMs() - start)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)] ?? 0, max: samples.at(-1) ?? 0 }
}

const start = cpuMs()
passwordStrengthProblem('primeira-chamada')
console.log(`first check (builds the dictionaries): ${(cpuMs() - start).toFixed(0)} ms CPU`)

const typical = [
  'password12',
  'senha12345',
  'Fermento-e-farinha-2026',
  'correto cavalo bateria grampo',
  'Brasil@2024',
  'x7Kp2mQ9aa',
]
const hostile = [
  'aB3$'.repeat(50),
  '4@$1!0|3'.repeat(25),
  '@'.repeat(200),
  '19/02/1990'.repeat(20),
  '1234567890'.repeat(20),
]
for (const [label, list] of [
  ['typical', typical],
  ['hostile', hostile],
] as const) {
  for (const password of list) {
    const { median, max } = time(
      () =>
        passwordStrengthProblem(password, ['ana.souza@padaria.com.br', 'Ana Souza', 'Padaria Pão Quente']),
      15,
    )
    console.log(
      `${label.padEnd(8)} ${JSON.stringify(password.length > 24 ? `${password.slice(0, 21)}…` : password).padEnd(34)} median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms CPU`,
    )
  }
}
const wall = performance.now()
await hashPassword('Fermento-e-farinha-2026', 'bench-pepper-not-secret')
console.log(`one PBKDF2 hash (100,000 iterations), for scale: ${(performance.now() - wall).toFixed(0)} ms`)
