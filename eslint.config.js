import antfu from '@antfu/eslint-config'

export default antfu({
  vue: true,
  typescript: true,
  markdown: false,
  ignores: ['dist', '.cache', 'decks/**/*.md', '**/*.md'],
})
