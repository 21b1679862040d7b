/** The snippet runner as one script (vite.config.ts builds it from sandbox-entry.ts). */
declare module 'virtual:talks-sandbox' {
  const code: string
  export default code
}

/** The snippets a browser can run, by path (`topic/name`), as text (vite.config.ts). */
declare module 'virtual:talks-snippets' {
  const sources: Record<string, string>
  export default sources
}
