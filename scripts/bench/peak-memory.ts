import { execFileSync } from 'node:child_process'

/**
 * Samples the resident memory of a process and all its descendants (the build spawns
 * Slidev and Chromium processes) and keeps the highest total seen.
 */
export function watchPeakMemory(pid: number, everyMs = 250): { stop: () => number } {
  let peak = 0
  const sample = () => {
    try {
      const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' }).trim().split('\n').map(line => line.trim().split(/\s+/).map(Number))
      const tree = new Set([pid])
      for (let grew = true; grew;) {
        grew = false
        for (const [child, parent] of rows) {
          if (tree.has(parent) && !tree.has(child)) {
            tree.add(child)
            grew = true
          }
        }
      }
      const kb = rows.filter(([child]) => tree.has(child)).reduce((sum, [, , rss]) => sum + rss, 0)
      peak = Math.max(peak, kb * 1024)
    }
    catch {}
  }
  const timer = setInterval(sample, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      return peak
    },
  }
}
