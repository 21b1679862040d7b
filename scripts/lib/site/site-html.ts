import escape from 'escape-html'
import { speaker } from '../../../data/speaker'
import { searchBox } from './search'

// Colours checked for WCAG AA (4.5:1 for text) on both --bg and --card, light and dark.
export const SITE_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #4a5562; --bg: #fdfdfc; --card: #fff; --line: #c9d0d8; --accent: #0b5cad; --chip: #eef3f9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --muted: #aab3bd; --bg: #14171b; --card: #1c2026; --line: #3a424c; --accent: #8cc0ff; --chip: #24303d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
footer { color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.75rem; margin: 1rem 0 .25rem; line-height: 1.25; }
.handle { color: var(--muted); font-weight: 400; font-size: 1.1rem; }
h2 { border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { margin: 0 0 .25rem; font-size: 1.2rem; line-height: 1.3; }
.talk { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.1rem; margin: 1rem 0; }
.talk.has-thumb { display: grid; grid-template-columns: minmax(0, 1fr); gap: .25rem 1.25rem; }
@media (min-width: 40rem) { .talk.has-thumb { grid-template-columns: 16rem minmax(0, 1fr); } .talk.has-thumb .thumb { grid-row: span 6; } }
.thumb { display: block; border: 1px solid var(--line); border-radius: .35rem; overflow: hidden; aspect-ratio: 16 / 9; background: var(--chip); }
.thumb img { display: block; width: 100%; height: auto; }
.meta, .with, .events, .tags { color: var(--muted); margin: .25rem 0; font-size: .95rem; }
.events { padding-left: 1.1rem; }
.tags { display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; list-style: none; }
.tags li { background: var(--chip); border-radius: 999px; padding: 0 .6rem; font-size: .85rem; color: var(--fg); }
.abstract { margin: .5rem 0; }
a { color: var(--accent); }
a:focus-visible, select:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.links { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .5rem 0 0; }
.links a, .button { display: inline-block; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: .5rem; background: var(--card); }
.filters label { display: grid; gap: .2rem; font-size: .9rem; color: var(--muted); }
.filters select, .filters button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: .35rem; padding: .3rem .5rem; }
.filters button { cursor: pointer; }
.count { margin: .5rem 0 0; color: var(--muted); }
.count:empty { display: none; }
[hidden] { display: none !important; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
/* The search box (search.ts). */
.search { max-width: 60rem; margin: 0 auto; padding: .75rem 1.25rem 0; }
.search label { display: block; font-weight: 600; }
.search input { font: inherit; width: 100%; max-width: 30rem; color: var(--fg); background: var(--card); border: 1px solid var(--muted); border-radius: .35rem; padding: .35rem .6rem; }
.search-status { margin: .25rem 0; color: var(--muted); }
.search-status:empty, .search-results:empty { display: none; }
.search-results { margin: 0; padding-left: 1.25rem; }
.search-results li { margin: .5rem 0; }
.search-results p { margin: .1rem 0; color: var(--muted); font-size: .95rem; }
.search-results mark { background: var(--chip); color: var(--fg); font-weight: 600; }
/* The talk pages' reader view (reader.ts). */
.slides { list-style: none; padding: 0; margin: 0; }
.slide { border-top: 1px solid var(--line); padding: 1rem 0; overflow-wrap: anywhere; }
.slide:first-child { border-top: 0; }
@media (min-width: 52rem) { .slide { display: grid; grid-template-columns: 24rem minmax(0, 1fr); gap: 0 1.5rem; align-items: start; } .slide-no { grid-column: 1 / -1; } .slide > img { grid-row: span 2; } .slide-text > :first-child { margin-top: 0; } }
.slide > img { display: block; width: 100%; max-width: 640px; height: auto; border: 1px solid var(--line); border-radius: .35rem; background: var(--chip); }
.slide-no { margin: 0 0 .5rem; font-weight: 600; }
.slide-text h3, .slide-text h4, .slide-text h5, .slide-text h6 { margin: .75rem 0 .25rem; font-size: 1.1rem; }
.slide-text pre { white-space: pre-wrap; background: var(--chip); padding: .5rem .75rem; border-radius: .35rem; font-size: .9rem; }
.slide-text table { border-collapse: collapse; width: 100%; }
.slide-text th, .slide-text td { border: 1px solid var(--line); padding: .2rem .4rem; text-align: left; vertical-align: top; }
.notes { border-left: 3px solid var(--line); padding: 0 0 0 .75rem; margin: .75rem 0 0; color: var(--muted); }
.notes-label { font-weight: 600; margin: 0; }
`

/** The page shell every site page shares. */
/**
 * A link's address from the data, escaped for an attribute: only web addresses and the
 * site's own paths (the schema refuses the others; this refuses them again where they land).
 */
export function href(url: string): string {
  if (!/^(?:https?:\/\/|\/(?!\/))/i.test(url))
    throw new Error(`"${url}" is not a web address or a path of the site: only those become links`)
  return escape(url)
}

/** `feed`: the feed's public address, when the site has one (SITE_URL). */
export function page(options: { lang: string, title: string, description: string, base: string, feed?: string, head: string, body: string }): string {
  return `<!doctype html>
<html lang="${escape(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(options.title)}</title>
<meta name="description" content="${escape(options.description)}">
<meta name="author" content="${escape(speaker.name)}">
<link rel="icon" href="${escape(options.base)}favicon.svg" type="image/svg+xml">
${options.feed ? `<link rel="alternate" type="application/atom+xml" href="${href(options.feed)}" title="${escape(speaker.name)} — talks">\n` : ''}${options.head}
<style>
${SITE_CSS}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${searchBox(options.base, options.lang)}
${options.body}
</body>
</html>
`
}
