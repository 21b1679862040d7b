import antfu from '@antfu/eslint-config'

export default antfu({
  vue: true,
  typescript: true,
  markdown: false,
  ignores: ['dist', '.cache', '.test-decks-*', 'decks/**/*.md', '**/*.md'],
}, {
  // Printing is what scripts and snippets are for; the runner forwards a snippet's console.
  files: ['scripts/**', 'snippets/**', 'components/runner/**'],
  rules: { 'no-console': 'off' },
})
