// What a page looks like to the layout journey: sideways scrolling, elements that stick out of the
// viewport (unless inside a scroll container), and the header's height. Runs inside the page through
// Playwright (it works with the page's own JavaScript turned off too).

/** @param {import('playwright-core').Page} page */
export async function measureLayout(page) {
  return page.evaluate(() => {
    const doc = document.documentElement
    const viewport = doc.clientWidth
    // Inside an element that scrolls or clips sideways (a table wrapper): allowed to be wider.
    // body and html do not count: hiding their overflow would only hide the problem.
    const contained = (el) => {
      for (let p = el.parentElement; p && p !== document.body && p !== doc; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true
      }
      return false
    }
    const describe = (el, r) => {
      const cls =
        typeof el.className === 'string' && el.className.trim()
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : ''
      const id = el.id ? `#${el.id}` : ''
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)
      return `<${el.tagName.toLowerCase()}${id}${cls}> ${Math.round(r.left)}..${Math.round(r.right)} px "${text}"`
    }
    // Content folded in a closed <details> is not shown (Chromium still gives it a box).
    const folded = (el) => {
      const details = el.closest('details:not([open])')
      return details !== null && !el.closest('summary')?.parentElement?.isSameNode(details) && el !== details
    }
    const offenders = []
    const found = []
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.right <= viewport + 0.5 && r.left >= -0.5) continue
      if (r.right <= 0) continue // parked off-screen on purpose (the skip link until it has focus)
      if (contained(el) || folded(el)) continue
      if (found.some((f) => f.contains(el))) continue // report the outermost only
      found.push(el)
      offenders.push(describe(el, r))
    }
    const header = document.querySelector('header')
    return {
      viewport,
      scrollWidth: doc.scrollWidth,
      offenders,
      headerHeight: header ? Math.round(header.getBoundingClientRect().height) : 0,
    }
  })
}

/** Opens every closed <details> in the page's main content (forms and panels folded away). */
export async function openAllDetails(page) {
  return page.evaluate(() => {
    const closed = [...document.querySelectorAll('main details:not([open])')]
    for (const d of closed) d.open = true
    return closed.length
  })
}
