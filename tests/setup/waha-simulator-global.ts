// vitest globalSetup (runs in Node) for the workers project: one WAHA simulator on a free loopback
// port for the whole run, with test timings. Tests reach it at env.WAHA_SIM_URL (see vitest.config.ts).
import type { TestProject } from 'vitest/node'
import { createSimulator } from '../../tools/waha-simulator/server'

declare module 'vitest' {
  export interface ProvidedContext {
    wahaSimUrl: string
  }
}

export default async function setup(project: TestProject) {
  const sim = createSimulator({ fast: true })
  const running = await sim.start(0)
  project.provide('wahaSimUrl', running.url)
  return async () => {
    await running.close()
  }
}
