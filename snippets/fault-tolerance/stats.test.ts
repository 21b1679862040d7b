import { describe, expect, it } from 'vitest'
import { percent, percentile } from './stats'

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect([50, 95, 99, 100].map(p => percentile(values, p))).toEqual([50, 95, 99, 100])
    expect(percentile([10, 20, 30], 50)).toBe(20)
    expect(percentile([7], 99)).toBe(7)
    expect(percentile([], 50)).toBeNaN()
  })

  it('rounds shares to one decimal', () => {
    expect([percent(1, 3), percent(2, 3), percent(0, 0)]).toEqual([33.3, 66.7, 0])
  })
})
