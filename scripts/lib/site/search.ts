import type { Layout } from '../layout'
import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { dirname, join } from 'pathe'
import { SEARCH_DIR } from '../layout'

// Search across the talks, static: Pagefind indexes the finished talk pages (title, abstract,
// events, the reader view's slide text) into dist/pagefind/, which the browser queries alone.

/** Pagefind's command, from its npm package: it runs the binary the package brought for this platform. */
const PAGEFIND = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner/bin.cjs')
// The text of the page around the talk: the search box itself, the skip link, the way back, the footer.
const LEFT_OUT = ['.skip', '.search', 'header > p:first-child', 'footer']

/**
 * Indexes the talk pages into layout.searchDir, replacing the last index; returns how many pages it holds.
 * Pagefind runs as its command, not through its Node API: the API's backend can die (it panics on
 * a full disk) without answering, which would leave the build waiting forever.
 */
export async function indexSite(layout: Layout): Promise<number> {
  // Written in the build's stage (never published, swept after a kill); replaces the last index only once complete.
  const next = join(layout.stageDir, 'search-index')
  await rm(next, { recursive: true, force: true })
  await mkdir(layout.stageDir, { recursive: true })
  // Only the talk pages: the decks' pages are JavaScript apps, and the index repeats the talk pages.
  // One index for every language: the index page, in English, finds the French talks too.
  const args = ['--site', layout.distDir, '--glob', 'talks/*/index.html', '--output-path', next, '--force-language', 'en', '--silent', ...LEFT_OUT.flatMap(selector => ['--exclude-selectors', selector])]
  try {
    try {
      await promisify(execFile)(process.execPath, [PAGEFIND, ...args], { maxBuffer: 16 * 1024 * 1024 })
    }
    catch (error) {
      const { stderr = '', message } = error as { stderr?: string, message: string }
      const cause = /No space left on device|StorageFull/.test(stderr) ? 'ENOSPC: no space left on device' : (stderr.trim().split('\n').find(line => /error|panicked/i.test(line)) ?? message)
      throw new Error(`Pagefind could not index the talk pages: ${cause}`)
    }
    // Pagefind also writes its ready-made interfaces; the site has its own box (searchBox), so they would only be published unused.
    for (const file of await readdir(next)) {
      if (/-ui\.|highlight/.test(file))
        await rm(join(next, file))
    }
    await rm(layout.searchDir, { recursive: true, force: true })
    await rename(next, layout.searchDir)
  }
  finally {
    await rm(next, { recursive: true, force: true })
    // The stage goes with its last folder; one that still holds something is not this step's.
    await rmdir(layout.stageDir).catch(() => {})
  }
  const entry = JSON.parse(await readFile(join(layout.searchDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)
}

// Served (not opened from a file, where browsers refuse module scripts) and with JavaScript on,
// the form is shown; Pagefind's script (~47 KB with its worker and index to follow) is loaded
// when the box is first used, not with every page. If it cannot load, the form goes away
// again, so there is never a dead control. A result found in a slide's text
// links to that slide (#slide-N). Results are built as text; an excerpt keeps only Pagefind's
// <mark> highlights.
function SEARCH_SCRIPT(base: string) {
  const json = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c')
  return `(()=>{const f=document.getElementById('search'),q=f.querySelector('input'),s=document.getElementById('search-status'),r=document.getElementById('search-results');let loading,n=0;
if(location.protocol==='file:')return;f.hidden=false;
const load=()=>loading??=import(${json(`${base}${SEARCH_DIR}/pagefind.js`)}).then(p=>{p.options({baseUrl:${json(base)}});return p}).catch(()=>{f.hidden=true});
q.addEventListener('focus',load,{once:true});
const excerpt=h=>{const t=document.createElement('template');t.innerHTML=h;return [...t.content.childNodes].map(c=>{if(c.nodeName!=='MARK')return document.createTextNode(c.textContent);const m=document.createElement('mark');m.textContent=c.textContent;return m})};
const run=async()=>{const id=++n,term=q.value.trim();if(!term){r.replaceChildren();s.textContent='';return}
const pf=await load();if(!pf)return;const found=await pf.debouncedSearch(term,{},200);if(!found||id!==n)return;const data=await Promise.all(found.results.slice(0,10).map(x=>x.data()));if(id!==n)return;
r.replaceChildren(...data.map(d=>{const li=document.createElement('li'),a=document.createElement('a'),p=document.createElement('p'),at=d.locations[0],sl=d.anchors.filter(x=>/^slide-\\d+$/.test(x.id)&&x.location<=at).pop();a.href=sl?d.url+'#'+sl.id:d.url;a.textContent=(d.meta.title||d.url)+(sl?' — slide '+sl.id.slice(6):'');p.append(...excerpt(d.excerpt));li.append(a,p);return li}));
const k=found.results.length;s.textContent=k?k+(k>1?' talks match':' talk matches')+' “'+term+'”':'No talk matches “'+term+'”'};
q.addEventListener('input',run);f.addEventListener('submit',e=>{e.preventDefault();run()})})()`
}

/** The search box every site page carries, revealed by its script; in English, like the index. */
export function searchBox(base: string, lang: string): string {
  return `<form class="search" id="search" role="search" hidden${lang.split('-')[0] === 'en' ? '' : ' lang="en"'}>
  <label for="search-input">Search the talks</label>
  <input id="search-input" type="search" name="q" autocomplete="off" spellcheck="false">
  <p class="search-status" id="search-status" role="status"></p>
  <ol class="search-results" id="search-results"></ol>
</form>
<script type="module">${SEARCH_SCRIPT(base)}</script>`
}
