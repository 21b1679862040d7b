/* eslint-disable no-template-curly-in-string -- GitHub expressions are ${{ }} strings, not templates */
import { readFileSync } from 'node:fs'
import { validateWorkflow } from '@action-validator/core'
import { join } from 'pathe'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { root } from '../scripts/lib/paths'

const file = join(root, '.github/workflows/deploy.yml')
const source = readFileSync(file, 'utf8')

interface Step { uses?: string, run?: string, with?: Record<string, unknown> }
interface Job { 'needs'?: string | string[], 'steps'?: Step[], 'strategy'?: { matrix?: Record<string, unknown> }, 'permissions'?: Record<string, string>, 'runs-on'?: string }

describe('the deploy workflow', () => {
  it('passes the GitHub workflow schema check (action-validator, offline)', () => {
    expect(validateWorkflow(source).errors).toEqual([])
  })

  it('the check catches a broken workflow', () => {
    const broken = source.replace('runs-on:', 'runs_on:')
    expect(broken).not.toBe(source)
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0)
  })

  it('builds one deck per matrix job, gathers them, deploys to Pages from the repository\'s sub-path', () => {
    const workflow = parse(source) as { env?: Record<string, string>, jobs: Record<string, Job> }
    const { plan, deck, site, deploy } = workflow.jobs
    expect(deck.strategy?.matrix?.deck).toBe('${{ fromJSON(needs.plan.outputs.decks) }}')
    expect(plan.steps!.some(step => step.run?.includes('ls decks'))).toBe(true)
    expect(deck.steps!.some(step => step.run?.includes('npm run build -- "${{ matrix.deck }}"'))).toBe(true)
    expect(deck.steps!.find(step => step.uses?.startsWith('actions/upload-artifact@'))?.with?.path).toBe('dist/${{ matrix.deck }}')
    expect(site.needs).toEqual(['plan', 'deck'])
    expect(site.steps!.find(step => step.uses?.startsWith('actions/download-artifact@'))?.with?.pattern).toBe('deck-*')
    expect(site.steps!.find(step => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist')
    expect(deploy.steps!.some(step => step.uses?.startsWith('actions/deploy-pages@'))).toBe(true)
    expect(deploy.permissions).toEqual({ 'pages': 'write', 'id-token': 'write' })
    expect(plan.permissions).toEqual({ contents: 'read', pages: 'read' })
    // The site's path comes from SITE_URL, the address Pages reports (custom domain included).
    expect(workflow.env).toBeUndefined()
    for (const job of [deck, site])
      expect((job as { env?: Record<string, string> }).env?.SITE_URL).toBe('${{ needs.plan.outputs.site-url }}/')
    // Every job output the others read is declared.
    for (const [, name] of source.matchAll(/needs\.plan\.outputs\.([\w-]+)/g))
      expect(Object.keys((plan as { outputs?: Record<string, string> }).outputs ?? {})).toContain(name)
  })

  // The current majors at the end of 2026, all on GitHub's Node 24 runtime (Node 20 actions
  // have been refused by the runners since September 2026).
  const CURRENT_MAJORS: Record<string, number> = {
    'actions/checkout': 7,
    'actions/setup-node': 7,
    'actions/upload-artifact': 7,
    'actions/download-artifact': 8,
    'actions/configure-pages': 6,
    'actions/upload-pages-artifact': 5,
    'actions/deploy-pages': 5,
  }

  it('uses every action at its current major version', () => {
    const used = [...source.matchAll(/uses:\s*([\w-]+\/[\w-]+)@v(\d+)/g)].map(([, action, major]) => [action!, Number(major)] as const)
    expect(used.length).toBe(source.match(/uses:/g)!.length)
    for (const [action, major] of used)
      expect({ action, major }).toEqual({ action, major: CURRENT_MAJORS[action] })
  })

  it('sets up the Node version the project names in .node-version, and runs the README\'s build command', () => {
    const setups = parse(source).jobs as Record<string, Job>
    const nodeSteps = Object.values(setups).flatMap(job => job.steps ?? []).filter(step => step.uses?.startsWith('actions/setup-node@'))
    expect(nodeSteps.length).toBeGreaterThan(0)
    for (const step of nodeSteps)
      expect(step.with).toMatchObject({ 'node-version-file': '.node-version' })
    expect(readFileSync(join(root, '.node-version'), 'utf8').trim()).toBe('24')
    expect(source).not.toMatch(/npx tsx|PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD/)
  })

  it('_headers caches hashed assets for a year and HTML briefly', () => {
    const headers = readFileSync(join(root, 'public/_headers'), 'utf8')
    expect(headers).toMatch(/^\/\*\/assets\/\*\n\s+Cache-Control: public, max-age=31536000, immutable$/m)
    expect(headers).toMatch(/^\/\*\n\s+Cache-Control: public, max-age=300, must-revalidate$/m)
  })
})
