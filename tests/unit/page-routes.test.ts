// The layout journey visits every page found by tests/e2e/page-routes.mjs: the file names must turn
// into the addresses Remix serves, and every page of app/routes must be found.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPageModule, listRoutes, urlPattern } from '../e2e/page-routes.mjs'

describe('urlPattern', () => {
  it('should read flat-route names the way Remix does', () => {
    expect(urlPattern('_index')).toBe('/')
    expect(urlPattern('$')).toBe('/*')
    expect(urlPattern('campanhas._index')).toBe('/campanhas')
    expect(urlPattern('campanhas.$id._index')).toBe('/campanhas/:id')
    expect(urlPattern('campanhas.$id.editar')).toBe('/campanhas/:id/editar')
    expect(urlPattern('contatos.listas.$id_.mapear')).toBe('/contatos/listas/:id/mapear')
    expect(urlPattern('_auth.login')).toBe('/login')
    expect(urlPattern('favicon[.]ico')).toBe('/favicon.ico')
    expect(urlPattern('opt-outs.exportar')).toBe('/opt-outs/exportar')
  })
})

describe('isPageModule', () => {
  it('should tell pages (a default export) from resource routes', () => {
    expect(isPageModule('export default function Page() { return null }')).toBe(true)
    expect(isPageModule('function P() {}\nexport { P as default }')).toBe(true)
    expect(isPageModule('export async function loader() { return new Response("x") }')).toBe(false)
    expect(isPageModule('// export default is mentioned in a comment\nexport const loader = 1')).toBe(false)
  })
})

describe('listRoutes', () => {
  it('should find route files and folder routes, and skip helpers in folders', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'routes-'))
    writeFileSync(path.join(dir, '_index.tsx'), 'export default function Home() {}')
    writeFileSync(path.join(dir, 'x.exportar.ts'), 'export async function loader() {}')
    mkdirSync(path.join(dir, 'x.$id'))
    writeFileSync(path.join(dir, 'x.$id', 'route.tsx'), 'export default function X() {}')
    writeFileSync(path.join(dir, 'x.$id', 'table.tsx'), 'export default function NotARoute() {}')
    mkdirSync(path.join(dir, 'helpers-only'))
    writeFileSync(path.join(dir, 'helpers-only', 'a.server.ts'), 'export const a = 1')
    writeFileSync(path.join(dir, 'notes.md'), '# not a route')
    expect(listRoutes(dir).map((r) => [r.pattern, r.page])).toEqual([
      ['/', true],
      ['/x/:id', true],
      ['/x/exportar', false],
    ])
  })

  it('should find every page of the app, with the setup and login pages among them', () => {
    const pages = listRoutes(path.resolve('app/routes')).filter((r) => r.page)
    const patterns = pages.map((p) => p.pattern)
    expect(patterns).toEqual(expect.arrayContaining(['/', '/setup', '/login', '/campanhas/:id', '/*']))
    expect(patterns).not.toContain('/logout')
    expect(new Set(patterns).size).toBe(patterns.length)
  })
})
