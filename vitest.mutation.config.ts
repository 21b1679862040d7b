import process from 'node:process'
import { defineConfig } from 'vitest/config'

// What `npm run mutation` (scripts/mutation.ts) runs against each mutant of an area: that
// area's tests, all of which stay in this process. No server, no build, no browser.
export default defineConfig({
  test: {
    include: JSON.parse(process.env.MUTATION_TESTS ?? '[]') as string[],
    // Those check the real decks, whose runnable snippets a mutant's instrumented copy would fail.
    testNamePattern: /^(?!the real decks)/,
    // Instrumented code runs slower: the property-based tests need room.
    testTimeout: 60_000,
  },
})
