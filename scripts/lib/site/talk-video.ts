import type { Thumb } from '../layout'
import type { TalkEvent } from '../schema'
import escape from 'escape-html'
import { thumbImage } from './index-page'
import { href } from './site-html'

// A talk's recordings on its page, behind a poster: the video host hears of the visitor only
// once they click. The poster is a link to the video, which is all a browser without
// JavaScript gets; the script below turns it into a button that puts the player in its place.
// YouTube's player comes from youtube-nocookie.com, which sets no cookie until it plays.

const TEXT = {
  en: { heading: 'Recording', play: (host: string) => `Play the recording (${host})`, watch: (host: string) => `Watch the recording on ${host}`, player: (event: string) => `Recording at ${event}` },
  fr: { heading: 'Enregistrement', play: (host: string) => `Lire l’enregistrement (${host})`, watch: (host: string) => `Voir l’enregistrement sur ${host}`, player: (event: string) => `Enregistrement à ${event}` },
} as const

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be'])
const YOUTUBE_ID = /^[\w-]{11}$/

/** The address of YouTube's privacy-enhanced player for a YouTube video URL, or undefined for any other address. */
export function youtubeEmbed(video: string): string | undefined {
  let url: URL
  try {
    url = new URL(video)
  }
  catch {
    return undefined
  }
  if (url.protocol !== 'https:' || !YOUTUBE_HOSTS.has(url.hostname))
    return undefined
  const [first = '', second = ''] = url.pathname.split('/').filter(Boolean)
  const id = url.hostname === 'youtu.be' ? first : first === 'watch' ? url.searchParams.get('v') ?? '' : ['embed', 'live', 'shorts'].includes(first) ? second : ''
  return YOUTUBE_ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}?autoplay=1` : undefined
}

/** The host's name as a visitor knows it: "YouTube", else the address's host name. */
function hostName(video: string): string {
  return youtubeEmbed(video) ? 'YouTube' : new URL(video).hostname.replace(/^www\./, '')
}

// Turns each poster link into a button; a click swaps the button for the player, focused.
const SCRIPT = `document.querySelectorAll('a[data-embed]').forEach(a=>{const b=document.createElement('button');b.type='button';b.className=a.className;b.innerHTML=a.innerHTML;
b.addEventListener('click',()=>{const f=document.createElement('iframe');f.src=a.dataset.embed;f.title=a.dataset.title;f.allow='autoplay; encrypted-media; picture-in-picture; fullscreen';f.allowFullscreen=true;f.className='video-player';b.replaceWith(f);f.focus()});a.replaceWith(b)})`

export const VIDEO_CSS = `
.video { margin: 1rem 0; }
.video-poster { position: relative; display: block; width: 100%; padding: 0; border: 1px solid var(--line); border-radius: .35rem; overflow: hidden; aspect-ratio: 16 / 9; background: var(--chip); color: var(--fg); font: inherit; cursor: pointer; text-decoration: none; }
.video-poster img { display: block; width: 100%; height: auto; }
.video-poster::after { content: ""; position: absolute; inset: 0; background: rgb(0 0 0 / .3); }
.video-poster:hover::after { background: rgb(0 0 0 / .15); }
.video-poster span { z-index: 1; position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); padding: .6rem 1.1rem; border-radius: 999px; background: rgb(0 0 0 / .8); color: #fff; font-weight: 600; white-space: nowrap; }
.video-poster span::before { content: "▶\\FE0E  "; }
.video-player { display: block; width: 100%; aspect-ratio: 16 / 9; border: 0; border-radius: .35rem; }
`

/** Whether the page shows a player's poster: it then takes the place of the slide's picture at the top. */
export function hasPlayer(events: TalkEvent[]): boolean {
  return events.some(event => event.video && youtubeEmbed(event.video))
}

/** The recordings of a talk's events, each behind a poster; '' when there is none. */
export function videoSection(events: TalkEvent[], thumb: Thumb | undefined, french: boolean): string {
  const t = french ? TEXT.fr : TEXT.en
  const recorded = events.filter((event): event is TalkEvent & { video: string } => Boolean(event.video))
  if (!recorded.length)
    return ''
  const posters = recorded.map((event, index) => {
    const embed = youtubeEmbed(event.video)
    const host = hostName(event.video)
    const caption = recorded.length > 1 ? `<figcaption>${escape(event.name)}</figcaption>` : ''
    if (!embed)
      return `<p><a href="${href(event.video)}" rel="noopener">${escape(t.watch(host))}</a>${recorded.length > 1 ? ` (${escape(event.name)})` : ''}</p>`
    // The first poster sits at the top of the page, in place of the slide's picture.
    const picture = thumb ? thumbImage(thumb, '', index > 0, '(min-width: 41rem) 640px, calc(100vw - 2.5rem)') : ''
    return `<figure class="video">${caption}<a class="video-poster" href="${href(event.video)}" rel="noopener" data-embed="${href(embed)}" data-title="${escape(t.player(event.name))}">${picture}<span>${escape(t.play(host))}</span></a></figure>`
  })
  const script = posters.some(html => html.includes('data-embed')) ? `\n<script>${SCRIPT}</script>` : ''
  return `<h2>${t.heading}</h2>\n${posters.join('\n')}${script}`
}
