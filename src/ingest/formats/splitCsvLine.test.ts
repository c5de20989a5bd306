import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { splitCsvLine } from './splitCsvLine.js'

const resources = new URL(
  '../../../../shared/data/ethereum-etl-test-resources/tests/resources/',
  import.meta.url,
)

describe('behavior', () => {
  test.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c,', ['a', '', 'c', '']],
    ['', ['']],
    ['1,"0xa,0xb",2', ['1', '0xa,0xb', '2']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
  ])('%s', (line, cells) => {
    expect(splitCsvLine(line)).toEqual(cells)
  })

  test('block withdrawals: a quoted JSON cell with doubled quotes', () => {
    const path =
      'test_export_blocks_job/blocks_with_transactions_and_withdrawals/expected_blocks.csv'
    const [header = '', row = ''] = readFileSync(new URL(path, resources), 'utf8').split('\n')
    const names = splitCsvLine(header)
    const cells = splitCsvLine(row)
    expect(cells).toHaveLength(names.length)
    // ethereum-etl writes the list as comma-joined JSON objects, without brackets.
    const withdrawals = JSON.parse(`[${cells[names.indexOf('withdrawals')]}]`)
    expect(Array.isArray(withdrawals) && withdrawals.length > 0).toBe(true)
  })
})

describe('errors', () => {
  test.each([
    [
      'a,"b',
      'invalid CSV (Quote Not Closed: the parsing is finished with an opening quote at line 1)',
    ],
    [
      'a,"b"c',
      'invalid CSV (Invalid Closing Quote: got "c" at line 1 instead of delimiter, record delimiter, trimable character (if activated) or comment)',
    ],
  ])('error: %s', (line, reason) => {
    let caught: unknown
    try {
      splitCsvLine(line)
    } catch (error) {
      caught = error
    }
    expect(isChainwatchError(caught, 'import.row_invalid') && caught.shortMessage).toBe(reason)
  })
})
