/** The snippet runner as one script (vite.config.ts builds it from sandbox-entry.ts). */
declare module 'virtual:talks-sandbox' {
  const code: string
  export default code
}
