import { defineShortcutsSetup } from '@slidev/types'

// Home and End, as in any document a keyboard user reads: the first and the last slide.
// Slidev's own shortcuts are kept as they are, in the presenter too.
export default defineShortcutsSetup((nav, base) => [
  ...base,
  { name: 'first_home', key: 'home', fn: nav.goFirst },
  { name: 'last_end', key: 'end', fn: nav.goLast },
])
