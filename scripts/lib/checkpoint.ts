import process from 'node:process'

/**
 * A named moment of a build where `TALKS_STOP_AT=<name>` makes the build process stop
 * itself (SIGSTOP), so that the tests can kill it there with a real signal, or edit a
 * deck and let it go on (SIGCONT). The moments: `deck-built` (Slidev has built a deck,
 * before it is printed), `swap` (a deck's old output moved aside, the new one not yet in).
 */
export function checkpoint(name: 'deck-built' | 'swap'): void {
  if (process.env.TALKS_STOP_AT === name)
    process.kill(process.pid, 'SIGSTOP')
}
