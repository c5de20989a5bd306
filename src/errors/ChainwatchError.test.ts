import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ChainwatchError, fromZodError, isChainwatchError } from './index.js'

test('default', () => {
  const error = new ChainwatchError(
    'address.invalid',
    'Address "bc1qxyz" is not valid for bitcoin.',
    {
      meta: { chain: 'bitcoin', input: 'bc1qxyz' },
      details: 'Invalid checksum',
    },
  )
  expect(error.message).toMatchInlineSnapshot(`
    "Address "bc1qxyz" is not valid for bitcoin.

    Chain: bitcoin
    Input: bc1qxyz
    Docs: docs/errors.md#address.invalid
    Details: Invalid checksum"
  `)
  expect(error.toJSON()).toMatchInlineSnapshot(`
    {
      "code": "address.invalid",
      "details": "Invalid checksum",
      "message": "Address "bc1qxyz" is not valid for bitcoin.",
      "meta": {
        "chain": "bitcoin",
        "input": "bc1qxyz",
      },
    }
  `)
  expect(isChainwatchError(error)).toBe(true)
  expect(isChainwatchError(error, 'address.invalid')).toBe(true)
  expect(isChainwatchError(error, 'input.invalid')).toBe(false)
  expect(isChainwatchError(new Error('x'))).toBe(false)
})

describe('behavior: cause chain', () => {
  test('details default to the cause message, walk() reaches the root', () => {
    const root = new Error('connect ECONNREFUSED 127.0.0.1:1')
    const middle = new ChainwatchError('store.unavailable', 'Database is unreachable.', {
      cause: root,
    })
    const top = new ChainwatchError('internal', 'Startup failed.', { cause: middle })
    expect(middle.details).toBe('connect ECONNREFUSED 127.0.0.1:1')
    expect(top.walk()).toBe(root)
    expect(top.walk((e) => isChainwatchError(e, 'store.unavailable'))).toBe(middle)
  })
})

test('fromZodError: one issue line per problem', () => {
  const result = z.object({ port: z.number(), url: z.string() }).safeParse({ port: 'x' })
  if (result.success) throw new Error('expected a failure')
  const error = fromZodError(result.error, 'Request body')
  expect(error.code).toBe('input.invalid')
  expect(error.meta.issues).toEqual([
    'port: Invalid input: expected number, received string',
    'url: Invalid input: expected string, received undefined',
  ])
})
