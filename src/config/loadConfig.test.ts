import { describe, expect, test } from 'vitest'
import { loadConfig } from './loadConfig.js'

test('default', () => {
  expect(loadConfig({})).toMatchInlineSnapshot(`
    {
      "databaseUrl": "sqlite:./data/chainwatch.db",
      "host": "127.0.0.1",
      "port": 8080,
    }
  `)
})

test('args: postgres url and port', () => {
  expect(
    loadConfig({
      CHAINWATCH_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PORT: '9090',
    }),
  ).toEqual({
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
    host: '127.0.0.1',
    port: 9090,
  })
})

describe('errors', () => {
  test('error: every bad variable is named', () => {
    expect(() =>
      loadConfig({ CHAINWATCH_DATABASE_URL: 'mysql://x', PORT: 'eighty' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Configuration is invalid.

      - CHAINWATCH_DATABASE_URL: must start with sqlite: or postgres://
      - PORT: Invalid input: expected number, received NaN
      Docs: docs/errors.md#config.invalid
      Details: 2 problems]
    `)
  })
})
