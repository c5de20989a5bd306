import { expect, test } from 'vitest'
import { yamlDate } from './yamlDate.js'

test.each<[unknown, string | null | undefined]>([
  ['2022-04-15', '2022-04-15'],
  ['2023-08-16 12:18:52.619444', '2023-08-16'],
  ['2024-05-03T06:12:44Z', '2024-05-03'],
  [new Date(Date.UTC(2021, 10, 12)), '2021-11-12'],
  [undefined, null],
  [null, null],
  ['2022-02-30', undefined],
  ['20220415', undefined],
  ['yesterday', undefined],
  [20220415, undefined],
  [new Date(Number.NaN), undefined],
])('%s → %s', (value, date) => {
  expect(yamlDate(value)).toBe(date)
})
