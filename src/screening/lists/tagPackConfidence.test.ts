import { expect, test } from 'vitest'
import { tagPackConfidence } from './tagPackConfidence.js'

test.each<[string | number | undefined, number | undefined]>([
  ['ownership', 100],
  ['ledger_immanent', 100],
  ['authority_data', 60],
  ['Service_Data', 50],
  ['forensic', 50],
  ['untrusted_transaction', 40],
  ['web_crawl', 20],
  [undefined, 5],
  [75, 75],
  ['75', 75],
  [0, 0],
  [101, undefined],
  [-1, undefined],
  [50.5, undefined],
  ['very_sure', undefined],
])('%s → %s', (value, score) => {
  expect(tagPackConfidence(value)).toBe(score)
})
