import { spawnSync } from 'node:child_process'
import process from 'node:process'

// Slidev ships its client as TypeScript sources, so vue-tsc checks them too when a
// component imports '@slidev/client'; they are written for Slidev's own compiler
// settings, not ours. Report (and fail on) our files only.
const result = spawnSync('npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'], { encoding: 'utf8' })
const diagnostics = `${result.stdout}${result.stderr}`.split('\n')
const ours: string[] = []
let keep = false
for (const line of diagnostics) {
  if (/^\S.*\(\d+,\d+\): error/.test(line))
    keep = !line.startsWith('node_modules/')
  if (keep && line.trim())
    ours.push(line)
}
if (ours.length) {
  console.error(ours.join('\n'))
  process.exit(1)
}
console.log('vue-tsc: no type errors in the project\'s files')
