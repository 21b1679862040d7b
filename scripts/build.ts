// `npm run build`: the command line and the environment become one BuildConfig, build()
// does the rest, and the exit code says whether every deck and the site were written.
import process from 'node:process'
import { ConfigError, readConfig } from './lib/config'
import { build } from './lib/pipeline'

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let config
  try {
    config = readConfig(argv, env)
  }
  catch (error) {
    if (!(error instanceof ConfigError))
      throw error
    console.error(error.message)
    return 2
  }
  // Ctrl-C or a CI cancel stops the build, its browser and Slidev at once; a second one kills.
  const stop = new AbortController()
  const handlers = Object.keys(SIGNALS).map((name) => {
    const handler = () => stop.abort(name)
    process.once(name, handler)
    return () => process.off(name, handler)
  })
  try {
    const result = await build(config, console, stop.signal)
    if (stop.signal.aborted)
      return SIGNALS[stop.signal.reason as keyof typeof SIGNALS]
    return result.ok ? 0 : 1
  }
  finally {
    handlers.forEach(off => off())
  }
}

process.exitCode = await main(process.argv.slice(2), process.env)
