import { defineShikiSetup } from '@slidev/types'

// Code is read from the back of a room, on a projector that washes colours out: GitHub's
// high-contrast themes keep every token, comments included, above WCAG AA in both schemes.
export default defineShikiSetup(() => ({
  themes: {
    light: 'github-light-high-contrast',
    dark: 'github-dark-high-contrast',
  },
}))
