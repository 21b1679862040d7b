import type { SlideRoute } from '@slidev/types'
import { slides } from '#slidev/slides'
import { defineAppSetup } from '@slidev/types'
import { computed } from 'vue'

// Load what the viewer is about to see, not the whole deck. Slidev loads and mounts the
// current slide and its two neighbours, then, 3 s after start-up, every slide of the deck
// (internals/SlidesShow.vue): on a phone that is most of a deck's weight, and thousands of
// elements, for slides nobody may reach. Slidev skips a slide whose `preload` is false, so
// each slide's flag follows the current slide: true for its neighbours, which Slidev keeps
// mounted so an arrow key shows them at once, false beyond. The next AHEAD slides' code is
// fetched, without mounting them, once the browser is idle, so holding an arrow key does
// not wait on the network either.
const AHEAD = 3

const idle = (run: () => void) => 'requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200)

export default defineAppSetup(({ router }) => {
  const current = computed(() => Number(router.currentRoute.value.params.no) || 1)
  const near = (route: SlideRoute) => Math.abs(route.no - current.value) <= 1
  for (const route of slides.value) {
    const authored = route.meta.slide?.frontmatter.preload
    Object.defineProperty(route.meta, 'preload', { get: () => authored !== false && near(route), configurable: true })
  }
  router.afterEach((to) => {
    const no = Number(to.params.no)
    if (no)
      idle(() => slides.value.slice(no, no + AHEAD).forEach(route => route.load()))
  })
})
