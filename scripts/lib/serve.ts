import type { AddressInfo } from 'node:net'
import type { RequestHandler } from 'sirv'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'pathe'
import sirv from 'sirv'

export interface StaticServer {
  url: string
  close: () => Promise<void>
}

/**
 * Serves a built site on a free loopback port the way a static host does with the
 * fallback rule Slidev writes to `_redirects`: under a deck's folder, a path that is
 * not a file gets that deck's index.html; elsewhere, plain files or a 404.
 */
export async function serveSite(dir: string, base = '/'): Promise<StaticServer> {
  const files = sirv(dir, { dev: true, etag: true })
  const spas = new Map<string, RequestHandler>()
  const spaFor = (slug: string) => {
    if (!spas.has(slug) && slug && existsSync(join(dir, slug, 'index.html')))
      spas.set(slug, sirv(join(dir, slug), { dev: true, etag: true, single: true }))
    return spas.get(slug)
  }
  const server = createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404
      res.end('not found')
    }
    const url = req.url ?? '/'
    if (!url.startsWith(base))
      return notFound()
    const path = url.slice(base.length - 1)
    const slug = path.split(/[/?#]/)[1] ?? ''
    const spa = spaFor(slug)
    if (spa) {
      req.url = path.slice(slug.length + 1) || '/'
      return spa(req, res, notFound)
    }
    req.url = path
    files(req, res, notFound)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  }
}
