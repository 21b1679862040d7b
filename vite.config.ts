import type { Plugin } from 'vite'
import { defineConfig } from 'vite'

// Slidev only compiles the /print route into a build when it exports the PDF itself
// (`download: true`), which starts a second browser per deck. Our build prints the PDF
// from the built SPA with one shared browser (scripts/lib/pdf.ts), so the route is
// always compiled in; it costs a lazily loaded chunk.
function printRoute(): Plugin {
  return {
    name: 'talks:print-route',
    enforce: 'post',
    config: () => ({ define: { __SLIDEV_FEATURE_PRINT__: 'true' } }),
  }
}

export default defineConfig({
  plugins: [printRoute()],
  // The snippet runner's worker loads each snippet on demand (components/runner/worker.ts).
  worker: { format: 'es' },
})
