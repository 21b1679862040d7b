import { availableParallelism } from 'node:os'
import process from 'node:process'
import { join, resolve } from 'pathe'
import { decksDir, distDir, root } from './paths'

/** Everything a build depends on besides the files: read once, from the command line and the environment. */
export interface BuildConfig {
  /** The repository: the shared addon, components, snippets, data. */
  root: string
  decksDir: string
  distDir: string
  /** The index's entries that are not decks. */
  entriesFile: string
  /** The path the site is served from, with a slash at both ends: `/` or `/talks/`. */
  base: string
  /** The public address of the site root, ending in `/`, or '' when it is not known. */
  siteUrl: string
  /** Rebuild decks whose inputs did not change. */
  force: boolean
  /** Build these decks only (the site around them is written from every deck's last build). */
  only: string[]
  /** Decks printed at once; one Slidev process builds them in turn. */
  jobs: number
}

export class ConfigError extends Error {}

const USAGE = 'usage: npm run build -- [--force] [<slug>…]'

/**
 * Reads the build's settings: `--force` and deck slugs from the command line; SITE_BASE,
 * SITE_URL and BUILD_JOBS from the environment; TALKS_DECKS_DIR and TALKS_DIST_DIR (for the
 * bench's copies of the decks). Throws a ConfigError that says what to change.
 */
export function readConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env): BuildConfig {
  const flags = argv.filter(arg => arg.startsWith('-'))
  const unknown = flags.filter(flag => flag !== '--force')
  if (unknown.length)
    throw new ConfigError(`unknown option ${unknown.join(', ')}: ${USAGE}`)

  const siteUrl = readSiteUrl(env.SITE_URL)
  const base = readBase(env.SITE_BASE, siteUrl)
  const jobs = env.BUILD_JOBS ? Number(env.BUILD_JOBS) : Math.max(1, Math.min(availableParallelism(), 4))
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new ConfigError(`BUILD_JOBS is "${env.BUILD_JOBS}": set it to a whole number of at least 1, or unset it`)
  return {
    root,
    decksDir: env.TALKS_DECKS_DIR ? resolve(root, env.TALKS_DECKS_DIR) : decksDir,
    distDir: env.TALKS_DIST_DIR ? resolve(root, env.TALKS_DIST_DIR) : distDir,
    entriesFile: join(root, 'data/entries.yml'),
    base,
    siteUrl,
    force: flags.includes('--force'),
    only: argv.filter(arg => !arg.startsWith('-')),
    jobs,
  }
}

function readSiteUrl(value = ''): string {
  const text = value.trim()
  if (!text)
    return ''
  let url: URL
  try {
    url = new URL(text)
  }
  catch {
    throw new ConfigError(`SITE_URL is "${value}", which is not a URL: set it to the site's public address, e.g. https://ultrabug.github.io/talks/`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`SITE_URL is "${value}": it must start with https:// (the site's public address)`)
  if (url.search || url.hash)
    throw new ConfigError(`SITE_URL is "${value}": drop the ${url.search ? 'query' : 'fragment'}, it must be the address of the site's root`)
  // The root of the site is a folder: without the final slash, new URL() would drop its last segment.
  return `${url.origin}${url.pathname.replace(/\/*$/, '/')}`
}

/** SITE_BASE, or the path of SITE_URL: the two must agree, since one is where the other serves. */
function readBase(value: string | undefined, siteUrl: string): string {
  const fromUrl = siteUrl ? new URL(siteUrl).pathname : undefined
  if (value === undefined || !value.trim())
    return fromUrl ?? '/'
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '')
  if (/[^\w.~/-]/.test(trimmed))
    throw new ConfigError(`SITE_BASE is "${value}": use only letters, digits and - _ . ~ / (a path such as /talks/)`)
  const base = trimmed ? `/${trimmed}/` : '/'
  if (fromUrl && fromUrl !== base)
    throw new ConfigError(`SITE_BASE is ${base} but SITE_URL (${siteUrl}) serves the site from ${fromUrl}: set SITE_BASE=${fromUrl}, or leave it unset`)
  return base
}
