import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { blockToBatch } from './blockToBatch.js'
import { decodeBlock } from './decodeBlock.js'
import { nullDataPayload } from './nullDataPayload.js'

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))

describe('nullDataPayload', () => {
  test('default: a THORChain outbound memo', () => {
    const memo = `OUT:${'AB'.repeat(32)}`
    const script = Uint8Array.from([0x6a, memo.length, ...Buffer.from(memo)])
    expect(Buffer.from(nullDataPayload(script) ?? '', 'hex').toString()).toBe(memo)
  })

  test.each([
    ['6a0b68656c6c6f20776f726c64', '68656c6c6f20776f726c64'],
    ['6a00', ''],
    ['6a', ''],
    ['6a4c026869', '6869'],
    ['6a4d02006869', '6869'],
    ['6a0268690161', '686961'],
  ])('args: %s', (script, payload) => {
    expect(nullDataPayload(hex(script))).toBe(payload)
  })

  test.each([['76a914b5cd7aaed869cd5ccb45868e8666e7e934a2373688ac'], ['6a0568'], ['6a76']])(
    'error: %s is not a push-only OP_RETURN',
    (script) => {
      expect(nullDataPayload(hex(script))).toBeNull()
    },
  )
})

test('behavior: a real block keeps the payloads of its OP_RETURN outputs', () => {
  const path = fileURLToPath(
    new URL(
      '../../../../shared/data/bitcoin-blocks/btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
      import.meta.url,
    ),
  )
  const batch = blockToBatch({ block: decodeBlock(readFileSync(path)), chain: 'bitcoin' })
  const nulldata = batch.outputs.filter((o) => o.scriptType === 'nulldata')
  expect(nulldata.length).toBeGreaterThan(0)
  for (const o of nulldata) expect(o.data).toMatch(/^([0-9a-f]{2})*$/)
  // The coinbase commits to the witness root: OP_RETURN 0xaa21a9ed followed by 32 bytes.
  expect(nulldata.some((o) => o.data?.startsWith('aa21a9ed') && o.data.length === 72)).toBe(true)
  for (const o of batch.outputs) if (o.scriptType !== 'nulldata') expect(o.data).toBeUndefined()
})
