import type { Page } from 'playwright-core'
import { dom } from './slidev'

// Slides are read from the back of a room: no visible text under 16 px on Slidev's 980×552
// canvas, and no text cut off by the slide or by a box inside it. Checked on the print page,
// where every slide is laid out at canvas size with all its clicks revealed.

export const MIN_TEXT_PX = 16
/** The theme's footer (global-bottom.vue): slide text must not run into it. */
const FOOTER = '.talks-footer'

export interface LegibilityProblem {
  /** The slide's number in the deck. */
  no: number
  kind: 'small' | 'clipped'
  /** The text, shortened. */
  text: string
  /** Its size on the canvas, for small text. */
  px?: number
  /** What cuts it, for clipped text. */
  by?: string
}

/** Every problem on the print page, slide by slide. */
export async function checkLegibility(page: Page): Promise<LegibilityProblem[]> {
  // A string, not a function: tsx's name helpers do not exist in the page.
  return page.evaluate<LegibilityProblem[]>(`(() => {
    const MIN = ${MIN_TEXT_PX}
    const problems = []
    const overflowing = v => v === 'hidden' || v === 'auto' || v === 'scroll' || v === 'clip'
    const short = text => { const flat = text.replace(/\\s+/g, ' ').trim(); return flat.length > 40 ? flat.slice(0, 39) + '…' : flat }
    const describe = el => el.tagName.toLowerCase() + (el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '')
    // Up the tree, through shadow roots (Mermaid draws its diagrams inside one).
    const parentOf = el => el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null)
    function* texts(root) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE)
          yield node
        else if (node.shadowRoot)
          yield* texts(node.shadowRoot)
      }
    }
    for (const slide of document.querySelectorAll(${JSON.stringify(dom.printSlide)})) {
      const no = Number(slide.id.split('-')[0])
      const canvas = slide.getBoundingClientRect()
      const scale = canvas.width / slide.offsetWidth || 1
      const seen = new Set()
      const footer = slide.querySelector(${JSON.stringify(FOOTER)})
      const foot = footer && footer.checkVisibility() ? footer.getBoundingClientRect() : null
      for (const node of texts(slide)) {
        const el = node.parentElement
        if (!el || !node.textContent.trim() || el.closest('style, script, noscript, title'))
          continue
        if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          continue
        const range = document.createRange()
        range.selectNodeContents(node)
        const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5)
        if (!rects.length)
          continue
        // Text for screen readers only, in a 1-px box that clips it on purpose.
        let hidden = false
        for (let box = el; box && box !== slide; box = parentOf(box)) {
          const b = box.getBoundingClientRect()
          if ((b.width <= 2 || b.height <= 2) && getComputedStyle(box).overflow !== 'visible') {
            hidden = true
            break
          }
        }
        if (hidden)
          continue
        // The element's own scale: CSS transforms and SVG viewBoxes shrink what font-size says.
        let own = 1
        if (el instanceof SVGGraphicsElement && el.getScreenCTM) {
          const m = el.getScreenCTM()
          own = m ? Math.hypot(m.a, m.b) : 1
        }
        else if (el.offsetWidth > 0) {
          own = el.getBoundingClientRect().width / el.offsetWidth
        }
        const px = parseFloat(getComputedStyle(el).fontSize) * own / scale
        const key = (kind, detail) => kind + detail + el.tagName + short(node.textContent)
        // A quarter of a pixel of slack: a short word's measured box rounds.
        if (px < MIN - 0.25 && !seen.has(key('small', ''))) {
          seen.add(key('small', ''))
          problems.push({ no, kind: 'small', text: short(node.textContent), px: Math.round(px * 10) / 10 })
        }
        let cut
        for (const r of rects) {
          if (r.left < canvas.left - 1 || r.top < canvas.top - 1 || r.right > canvas.right + 1 || r.bottom > canvas.bottom + 1) {
            cut = 'the edge of the slide'
            break
          }
          if (foot && !footer.contains(el) && r.bottom > foot.top + 1 && r.top < foot.bottom - 1 && r.right > foot.left && r.left < foot.right) {
            cut = 'the footer'
            break
          }
          for (let box = el; box && box !== slide; box = parentOf(box)) {
            const style = getComputedStyle(box)
            if (!overflowing(style.overflowX) && !overflowing(style.overflowY))
              continue
            const b = box.getBoundingClientRect()
            const outX = overflowing(style.overflowX) && (r.left < b.left - 1 || r.right > b.right + 1)
            const outY = overflowing(style.overflowY) && (r.top < b.top - 1 || r.bottom > b.bottom + 1)
            if (outX || outY) {
              cut = 'its box (' + describe(box) + ', overflow ' + (outX ? style.overflowX : style.overflowY) + ')'
              break
            }
          }
          if (cut)
            break
        }
        if (cut && !seen.has(key('clipped', cut))) {
          seen.add(key('clipped', cut))
          problems.push({ no, kind: 'clipped', text: short(node.textContent), by: cut })
        }
      }
    }
    return problems
  })()`)
}

/** The problems as a build error: slide, source line, what is wrong, and how to fix it. */
export function describeProblems(problems: LegibilityProblem[], sourceOf: (no: number) => string): string {
  const bySlide = new Map<number, LegibilityProblem[]>()
  for (const problem of problems)
    bySlide.set(problem.no, [...bySlide.get(problem.no) ?? [], problem])
  const lines = [...bySlide].flatMap(([no, found]) => {
    const small = found.filter(p => p.kind === 'small')
    const clipped = found.filter(p => p.kind === 'clipped')
    const out = [`slide ${no} (${sourceOf(no)}):`]
    if (small.length)
      out.push(`  text under ${MIN_TEXT_PX} px: ${small.slice(0, 3).map(p => `"${p.text}" at ${p.px} px`).join(', ')}${small.length > 3 ? ` and ${small.length - 3} more` : ''}; make it ${MIN_TEXT_PX} px or more (drop a size class or a zoom, split a diagram)`)
    if (clipped.length)
      out.push(`  text cut off: ${clipped.slice(0, 3).map(p => `"${p.text}" by ${p.by}`).join(', ')}${clipped.length > 3 ? ` and ${clipped.length - 3} more` : ''}; shorten it, split the slide, or step through the code with line highlighting ({1-4|6-9})`)
    return out
  })
  return `slides that cannot be read from the back of the room:\n${lines.join('\n')}`
}
