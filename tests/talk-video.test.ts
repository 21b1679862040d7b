import { describe, expect, it } from 'vitest'
import { layoutOf } from '../scripts/lib/layout'
import { videoSection, youtubeEmbed } from '../scripts/lib/site/talk-video'

const thumb = layoutOf({ distDir: '/tmp/dist', base: '/', siteUrl: '' }).thumb('2017-x-y')

describe('a talk\'s recording on its page', () => {
  it('embeds YouTube from youtube-nocookie.com, from any of its address forms, and nothing else', () => {
    const player = 'https://www.youtube-nocookie.com/embed/erINlrgygEk?autoplay=1'
    for (const url of ['https://www.youtube.com/watch?v=erINlrgygEk', 'https://youtube.com/watch?feature=share&v=erINlrgygEk', 'https://m.youtube.com/watch?v=erINlrgygEk', 'https://youtu.be/erINlrgygEk?t=42', 'https://www.youtube.com/embed/erINlrgygEk', 'https://www.youtube.com/live/erINlrgygEk'])
      expect(youtubeEmbed(url), url).toBe(player)
    for (const url of ['http://www.youtube.com/watch?v=erINlrgygEk', 'https://www.youtube.com.evil.example/watch?v=erINlrgygEk', 'https://www.youtube.com/watch?v=erINlrgygEk%22%3E', 'https://www.youtube.com/watch?v="><script>', 'https://vimeo.com/123456', 'https://www.youtube.com/channel/UC123', 'not a url'])
      expect(youtubeEmbed(url), url).toBeUndefined()
  })

  it('puts a poster that links to the video where a player would be; other hosts get a plain link', () => {
    const html = videoSection([{ name: 'Conf "1" <b>', city: 'Rimini', date: '2017-07-09', video: 'https://www.youtube.com/watch?v=erINlrgygEk&x="><script>alert(1)</script>' }], thumb, false)
    expect(html).toContain('<a class="video-poster" href="https://www.youtube.com/watch?v=erINlrgygEk&amp;x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" rel="noopener" data-embed="https://www.youtube-nocookie.com/embed/erINlrgygEk?autoplay=1" data-title="Recording at Conf &quot;1&quot; &lt;b&gt;">')
    expect(html).toContain('<span>Play the recording (YouTube)</span>')
    expect(html).toContain('src="/2017-x-y/thumb-320.webp"')
    expect(html).not.toMatch(/<iframe|<script>alert/)

    const other = videoSection([{ name: 'A', city: 'B', date: '2017', video: 'https://www.example.com/v/1' }, { name: 'C', city: 'D', date: '2018' }], thumb, true)
    expect(other).toBe('<h2>Enregistrement</h2>\n<p><a href="https://www.example.com/v/1" rel="noopener">Voir l’enregistrement sur example.com</a></p>')
    expect(videoSection([{ name: 'A', city: 'B', date: '2017' }], thumb, false)).toBe('')
    expect(() => videoSection([{ name: 'A', city: 'B', date: '2017', video: 'javascript:alert(1)' }], thumb, false)).toThrow(/not a web address/)
  })
})
