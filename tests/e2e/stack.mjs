// Starts the real `npm start` stack (the Worker on Miniflare + local bindings + WAHA simulator) on free ports
// with a fresh persistence directory, and stops it. Used by the browser tests and benchmarks.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/**
 * Starts the stack; resolves once both servers answer. A free port can be taken by another process
 * between choosing it and listening on it (a shared machine): then it starts again on new ports.
 * @param {{ timeoutMs?: number, persist?: string, env?: Record<string, string> }} [options]
 */
export async function startStack(options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce(options)
    } catch (error) {
      if (attempt >= 3 || !String(error?.message ?? '').includes('EADDRINUSE')) throw error
      console.log(`(stack: a chosen port was taken meanwhile; starting again, attempt ${attempt + 1})`)
    }
  }
}

async function startStackOnce({ timeoutMs = 90_000, persist: givenPersist, env: extraEnv = {} } = {}) {
  const port = await freePort()
  const simPort = await freePort()
  const persist = givenPersist ?? mkdtempSync(path.join(os.tmpdir(), 'disparo-e2e-'))
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      WAHA_SIM_PORT: String(simPort),
      DISPARO_PERSIST_DIR: persist,
      SKIP_BUILD: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  child.stdout.on('data', (c) => (log += c))
  child.stderr.on('data', (c) => (log += c))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      // Whatever it started (the other server) goes with it, and so does a directory made here.
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
      if (!givenPersist) rmSync(persist, { recursive: true, force: true })
      throw new Error(`stack exited early:\n${log}`)
    }
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 300))
  }
  if (Date.now() >= deadline) throw new Error(`stack did not start in time:\n${log}`)
  return {
    url,
    pid: child.pid,
    persist,
    simUrl: `http://127.0.0.1:${simPort}`,
    log: () => log,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      await new Promise((r) => setTimeout(r, 800))
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
      rmSync(persist, { recursive: true, force: true })
    },
  }
}
