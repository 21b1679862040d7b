import { defineTransformersSetup } from '@slidev/types'
import { readDrawn } from '../scripts/lib/deck/diagrams'

// A deck built by `npm run build` shows each Mermaid block as the SVG the build drew before
// (scripts/lib/deck/diagrams.ts), so it ships no Mermaid. A block with no drawing (`npm run
// dev`, a plain `slidev build`) is left to Slidev, which draws it live in the browser.
const MERMAID_INFO = /^mermaid\s*(\{[^\n]*\})?/
const STYLE = /<style>[\s\S]*?<\/style>/

/** A JavaScript string literal that holds no character HTML, Vue or markdown would read. */
function literal(text: string): string {
  return JSON.stringify(text).replace(/[<>&'{}]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export default defineTransformersSetup(() => ({
  codeblocks: [({ info, code, options }) => {
    const match = info.match(MERMAID_INFO)
    const drawn = match && options.mode === 'build' ? readDrawn(code, match[1] ?? '') : undefined
    if (!drawn)
      return undefined
    // Most diagrams differ between schemes by their <style> only: ship the drawing once.
    const darkStyle = drawn.dark.match(STYLE)?.[0]
    const dark = darkStyle && drawn.light.replace(STYLE, () => darkStyle) === drawn.dark ? `:dark-style='${literal(darkStyle)}'` : `:dark='${literal(drawn.dark)}'`
    return `<MermaidSvg :light='${literal(drawn.light)}' ${dark} />`
  }],
}))
