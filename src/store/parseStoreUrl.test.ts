import { describe, expect, test } from 'vitest'
import { parseStoreUrl, redactUrl } from './index.js'

describe('parseStoreUrl', () => {
  test.each([
    {
      url: 'sqlite:./data/chainwatch.db',
      expected: { dialect: 'sqlite', path: './data/chainwatch.db' },
    },
    { url: 'sqlite:/var/lib/cw.db', expected: { dialect: 'sqlite', path: '/var/lib/cw.db' } },
    { url: 'sqlite:///var/lib/cw.db', expected: { dialect: 'sqlite', path: '/var/lib/cw.db' } },
    { url: 'sqlite::memory:', expected: { dialect: 'sqlite', path: ':memory:' } },
    { url: 'SQLite:cw.db', expected: { dialect: 'sqlite', path: 'cw.db' } },
    {
      url: 'postgres://app:secret@db:5432/chainwatch',
      expected: { dialect: 'postgres', url: 'postgres://app:secret@db:5432/chainwatch' },
    },
    {
      url: 'postgresql://db/chainwatch?sslmode=require',
      expected: { dialect: 'postgres', url: 'postgresql://db/chainwatch?sslmode=require' },
    },
  ])('valid: $url', ({ url, expected }) => {
    expect(parseStoreUrl(url)).toEqual(expected)
  })

  test.each([
    '',
    'sqlite:',
    'sqlite://',
    'mysql://db/chainwatch',
    'file:./cw.db',
    'postgres://[::1/chainwatch',
  ])('error: %j', (url) => {
    expect(() => parseStoreUrl(url)).toThrow(expect.objectContaining({ code: 'store.url_invalid' }))
  })
})

describe('redactUrl', () => {
  test.each([
    ['postgres://app:secret@db:5432/cw', 'postgres://app:***@db:5432/cw'],
    ['postgres://app@db/cw', 'postgres://app@db/cw'],
    [
      'postgres://db/cw?password=secret&sslmode=require',
      'postgres://db/cw?password=***&sslmode=require',
    ],
    ['postgres://app:p@ss@db/cw', 'postgres://app:***@db/cw'],
    ['postgres://app:p@ss@[::1/cw', 'postgres://app:***@[::1/cw'],
    ['sqlite:./data/cw.db', 'sqlite:./data/cw.db'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected)
  })
})
