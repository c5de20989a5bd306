import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseLossless } from 'lossless-json'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { parseJsonLine } from './parseJsonLine.js'

describe('behavior: numbers stay exact', () => {
  test.each([
    ['{"value": 7400000000000000000}', { value: '7400000000000000000' }],
    ['{"value": 9007199254740993}', { value: '9007199254740993' }],
    [
      '{"total_difficulty": 58750003716598352816469, "n": 1}',
      { total_difficulty: '58750003716598352816469', n: 1 },
    ],
    [
      '{"a": [12345678901234567890, 1, -12345678901234567890]}',
      { a: ['12345678901234567890', 1, '-12345678901234567890'] },
    ],
    [
      '{"small": 123456789012345, "float": 1.5, "exp": 1e3}',
      { small: 123456789012345, float: 1.5, exp: 1000 },
    ],
    ['{"long float": 0.10000000000000001}', { 'long float': '0.10000000000000001' }],
    // Digits inside strings are never touched, escaped quotes included.
    [
      '{"s": "x\\": 12345678901234567890", "v": 12345678901234567890}',
      { s: 'x": 12345678901234567890', v: '12345678901234567890' },
    ],
    ['{"s": ":12345678901234567890,", "t": "\\\\"}', { s: ':12345678901234567890,', t: '\\' }],
    [
      '{"nested": {"inputs": [{"value": 21000000000000000000000}]}}',
      { nested: { inputs: [{ value: '21000000000000000000000' }] } },
    ],
  ])('%s', (line, expected) => {
    expect(parseJsonLine(line)).toEqual(expected)
  })
})

describe('errors', () => {
  test.each([
    [
      '{"value": 7400000000000000000',
      "truncated or invalid JSON (Expected ',' or '}' after property value in JSON at position 29)",
    ],
    ['{"value":', 'truncated or invalid JSON (Unexpected end of JSON input)'],
    [
      '{"value": 01234567890123456789}',
      'truncated or invalid JSON (Unexpected number in JSON at position 11)',
    ],
    ['[1]', 'expected a JSON object, got an array'],
    ['null', 'expected a JSON object, got null'],
    ['"text"', 'expected a JSON object, got string'],
    ['12345678901234567890', 'expected a JSON object, got number'],
  ])('error: %s', (line, reason) => {
    let caught: unknown
    try {
      parseJsonLine(line)
    } catch (error) {
      caught = error
    }
    expect(isChainwatchError(caught, 'import.row_invalid') && caught.shortMessage).toBe(reason)
  })
})

describe('behavior: every JSON line of the test exports', () => {
  const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url))
  const jsonFiles = (root: string): string[] =>
    readdirSync(root).flatMap((name) => {
      const path = join(root, name)
      if (statSync(path).isDirectory()) return jsonFiles(path)
      return /^expected_.*\.json$/.test(name) ? [path] : []
    })
  const lines = [
    ...jsonFiles(join(data, 'ethereum-etl-test-resources/tests/resources')),
    ...jsonFiles(join(data, 'bitcoin-etl-test-resources/tests/resources')),
  ].flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  )

  test('equals an independent lossless parse (lossless-json)', () => {
    expect(lines.length).toBeGreaterThan(1500)
    for (const line of lines) {
      // The same rule, applied by another parser: long number tokens keep their text.
      const expected = parseLossless(line, null, (text) =>
        text.length >= 16 ? text : Number(text),
      )
      expect(parseJsonLine(line)).toEqual(expected)
    }
  })
})
