#!/usr/bin/env node
// Draws public/favicon.ico (16, 32 and 48 px PNGs in one ICO, for clients that ask for /favicon.ico
// without reading the page) and public/apple-touch-icon.png (180 px, square: iOS rounds it) from
// public/favicon.svg, with the Chromium the browser tests use. Run after editing the SVG:
//   node scripts/make-favicons.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { launchBrowser } from '../tests/e2e/browser.mjs'

const publicDir = path.resolve(import.meta.dirname, '..', 'public')
const svg = readFileSync(path.join(publicDir, 'favicon.svg'), 'utf8')
const dataUri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`

/** The SVG drawn at size x size; `square` fills the rounded corners with the icon's green. */
async function render(page, size, { square = false } = {}) {
  await page.setViewportSize({ width: size, height: size })
  const background = square ? '#0b7a4b' : 'transparent'
  await page.setContent(
    `<html><body style="margin:0;background:${background}"><img src="${dataUri}" width="${size}" height="${size}" style="display:block"></body></html>`,
  )
  await page.locator('img').evaluate((img) => img.decode())
  return page.screenshot({ omitBackground: !square, clip: { x: 0, y: 0, width: size, height: size } })
}

/** An ICO file whose entries are PNGs (read by every browser since IE 9). */
function ico(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // icon
  header.writeUInt16LE(images.length, 4)
  const entries = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0)
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt8(0, 2) // no palette
    entry.writeUInt8(0, 3)
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(entry)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

const browser = await launchBrowser()
try {
  const page = await browser.newPage()
  const images = []
  for (const size of [16, 32, 48]) images.push({ size, png: await render(page, size) })
  writeFileSync(path.join(publicDir, 'favicon.ico'), ico(images))
  writeFileSync(path.join(publicDir, 'apple-touch-icon.png'), await render(page, 180, { square: true }))
  console.log('public/favicon.ico and public/apple-touch-icon.png written')
} finally {
  await browser.close()
}
