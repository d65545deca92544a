// Every route in app/routes, read from the files the way Remix's flatRoutes() reads them, so a browser
// test can visit every page and a new page cannot escape it. A route module with a default export is
// a page; one without is a resource route (a download, a JSON poll, a form action).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const ROUTE_EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js']

/**
 * Splits a flat-route name on the dots that are not inside [brackets] ("favicon[.]ico" is one segment).
 * @param {string} name
 */
function segmentsOf(name) {
  const segments = []
  let current = ''
  let inBrackets = false
  for (const ch of name) {
    if (ch === '[') inBrackets = true
    else if (ch === ']') inBrackets = false
    else if (ch === '.' && !inBrackets) {
      segments.push(current)
      current = ''
      continue
    }
    current += ch
  }
  segments.push(current)
  return segments
}

/**
 * The URL pattern of a flat-route name: "campanhas.$id._index" -> "/campanhas/:id",
 * "contatos.listas.$id_.mapear" -> "/contatos/listas/:id/mapear", "$" -> "/*", "_index" -> "/".
 * @param {string} name
 */
export function urlPattern(name) {
  const parts = []
  for (const raw of segmentsOf(name)) {
    if (raw === '_index') continue
    if (raw.startsWith('(')) throw new Error(`optional segments are not handled: ${name}`)
    if (raw.startsWith('_')) continue // a pathless layout
    let segment = raw.endsWith('_') && !raw.endsWith('[_]') ? raw.slice(0, -1) : raw
    segment = segment.replace(/\[([^\]]*)\]/g, '$1')
    if (segment === '$') parts.push('*')
    else if (segment.startsWith('$')) parts.push(`:${segment.slice(1)}`)
    else parts.push(segment)
  }
  return `/${parts.join('/')}`
}

/** True when the module's source has a default export (a page, not a resource route). @param {string} source */
export function isPageModule(source) {
  return /^\s*export\s+default\b/m.test(source) || /^\s*export\s*\{[^}]*\bdefault\b[^}]*\}/m.test(source)
}

/**
 * Every route under `routesDir`: { name, file, pattern, page }, sorted by pattern.
 * @param {string} routesDir
 * @returns {Array<{ name: string, file: string, pattern: string, page: boolean }>}
 */
export function listRoutes(routesDir) {
  const routes = []
  for (const entry of readdirSync(routesDir)) {
    const full = path.join(routesDir, entry)
    let name
    let file
    if (statSync(full).isDirectory()) {
      file = ROUTE_EXTENSIONS.map((ext) => path.join(full, `route${ext}`)).find((f) => existsSync(f))
      if (!file) continue // a folder of helpers without a route module
      name = entry
    } else {
      const ext = ROUTE_EXTENSIONS.find((e) => entry.endsWith(e))
      if (!ext) continue
      name = entry.slice(0, -ext.length)
      file = full
    }
    routes.push({ name, file, pattern: urlPattern(name), page: isPageModule(readFileSync(file, 'utf8')) })
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern))
}
