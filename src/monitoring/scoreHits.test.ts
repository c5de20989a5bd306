import { describe, expect, it } from 'vitest'
import type { RuleHit } from './model.js'
import { defaultScoring, scoreHits } from './scoreHits.js'

const hit = (severity: RuleHit['severity'], score: number): RuleHit => ({
  ruleId: `r-${severity}-${score}`,
  ruleVersion: 1,
  severity,
  score,
  reason: 'x',
  evidence: {},
})

describe('scoreHits', () => {
  it('allows an event no rule flags', () => {
    expect(scoreHits([])).toEqual({ decision: 'allow', score: 0, hits: [] })
  })
  it('sums weights, capped at 100, with review and hold thresholds', () => {
    expect(scoreHits([hit('low', 20), hit('medium', 10)]).decision).toBe('allow')
    expect(scoreHits([hit('medium', 30), hit('low', 10)])).toMatchObject({
      decision: 'review',
      score: 40,
    })
    expect(scoreHits([hit('medium', 45), hit('medium', 35)])).toMatchObject({
      decision: 'hold',
      score: 80,
    })
    expect(scoreHits([hit('medium', 90), hit('medium', 90)]).score).toBe(100)
  })
  it('floors by severity: critical holds, high reviews, whatever the score', () => {
    expect(scoreHits([hit('critical', 0)]).decision).toBe('hold')
    expect(scoreHits([hit('high', 1)]).decision).toBe('review')
  })
  it('takes thresholds from configuration', () => {
    const strict = { ...defaultScoring, reviewAt: 10, holdAt: 30 }
    expect(scoreHits([hit('low', 10)], strict).decision).toBe('review')
    expect(scoreHits([hit('low', 30)], strict).decision).toBe('hold')
  })
})
