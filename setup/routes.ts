import { defineRoutesSetup } from '@slidev/types'

// The handout the build prints (scripts/lib/deck/handout.ts): every slide with its notes.
// Like Slidev's own print routes it is a lazily loaded chunk, fetched only by whoever opens it.
export default defineRoutesSetup(routes => [
  ...routes,
  { name: 'handout', path: '/handout', component: () => import('./handout.vue') },
])
