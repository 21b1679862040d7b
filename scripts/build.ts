// `npm run build`: the command line and the environment become one BuildConfig, build()
// does the rest, and the exit code says whether every deck and the site were written.
import process from 'node:process'
import { ConfigError, readConfig } from './lib/config'
import { build } from './lib/pipeline'

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
  const result = await build(config)
  return result.ok ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2), process.env)
