import { defineMermaidSetup } from '@slidev/types'

// Diagrams in the deck's font and palette (styles/talks.css), with labels as large as the
// slides' small text (the build refuses anything under 16 px on the canvas). Mermaid takes
// plain colours only. The build draws every diagram with this theme, light and dark
// (scripts/lib/deck/diagrams.ts); `npm run dev` draws them live, in the scheme of the moment.
const font = '"Nunito Sans", ui-sans-serif, system-ui, sans-serif'

export default defineMermaidSetup(() => mermaidTheme(typeof document !== 'undefined' && document.documentElement.classList.contains('dark')))

export function mermaidTheme(dark: boolean) {
  const ink = dark ? '#eef0f3' : '#14171b'
  const box = dark ? '#1b2a3b' : '#e8f1fb'
  const accent = dark ? '#8cc0ff' : '#0b5cad'
  return {
    theme: 'base' as const,
    fontFamily: font,
    themeVariables: {
      fontFamily: font,
      fontSize: '20px',
      primaryColor: box,
      secondaryColor: dark ? '#3b2a14' : '#fdf3e6',
      tertiaryColor: dark ? '#23272d' : '#f2f4f7',
      primaryBorderColor: accent,
      primaryTextColor: ink,
      mainBkg: box,
      nodeBorder: accent,
      nodeTextColor: ink,
      textColor: ink,
      lineColor: accent,
      clusterBkg: 'transparent',
      clusterBorder: accent,
      titleColor: ink,
      edgeLabelBackground: dark ? '#121212' : '#ffffff',
      actorBkg: box,
      actorBorder: accent,
      actorTextColor: ink,
      actorLineColor: accent,
      signalColor: accent,
      signalTextColor: ink,
      labelBoxBkgColor: box,
      labelBoxBorderColor: accent,
      labelTextColor: ink,
      loopTextColor: ink,
      noteBkgColor: box,
      noteBorderColor: accent,
      noteTextColor: ink,
    },
    flowchart: { htmlLabels: true, useMaxWidth: true, padding: 12 },
    sequence: { useMaxWidth: true, actorFontSize: 20, messageFontSize: 20, noteFontSize: 18 },
  }
}
