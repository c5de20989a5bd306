import { describe, expect, test } from 'vitest'
import { type OutputSeed, traceForward } from './index.js'
import { taintedOutpoint } from './taintedOutpoint.js'
import { btc, buildEvents, holdingsOf, policies, readBlocks, zeroTotals } from './testRealBlocks.js'

// Forward traces over real mainnet blocks 1..255, checked against figures computed by hand.

describe('behavior: mainnet blocks 1..255, the first bitcoin payment', async () => {
  const [genesis] = await readBlocks('btcd_blk_0_to_4.dat.bz2')
  const file = await readBlocks('btcd_blocks1-256.bz2')
  // The file holds blocks 1..255 in chain order: block i + 1 at index i.
  const blocks = file.map((block, index) => ({ height: index + 1, block }))
  const built = buildEvents(blocks)

  // Block 9's coinbase: 50 BTC to Satoshi's 12cbQ…; tx f4184f… (block 170) pays 10 BTC of it to
  // Hal Finney (1Q2TW…) and 40 back, and the change goes on through blocks 181..248.
  const coinbase9 = '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9'
  const seeds: readonly OutputSeed[] = [
    { kind: 'output', chain: 'bitcoin', txHash: coinbase9, outputIndex: 0 },
  ]
  const satoshi = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S'

  test('default: the file chains from genesis and every spend is resolved', () => {
    expect(blocks[0]?.block.prevHash).toBe(genesis?.hash)
    for (let i = 1; i < blocks.length; i++) {
      expect(blocks[i]?.block.prevHash).toBe(blocks[i - 1]?.block.hash)
    }
    expect(blocks[8]?.block.transactions[0]?.txid).toBe(coinbase9)
    // 255 coinbases + 7 payments; nothing left out in these blocks.
    expect(built.events).toHaveLength(255 + 7)
    expect(built.skipped).toBe(0)
  })

  test('default: the payment chain as decoded', () => {
    const payments = built.events
      .filter((event) => event.inputs.length > 0)
      .map((event) => ({
        block: event.blockHeight,
        tx: event.txHash.slice(0, 6),
        spends: event.inputs.map((i) => `${i.spentTxHash.slice(0, 6)}:${i.spentOutputIndex}`),
        outputs: event.outputs.map((o) => [o.address, o.value]),
      }))
    expect(payments).toEqual([
      {
        block: 170,
        tx: 'f4184f',
        spends: ['0437cd:0'],
        outputs: [
          ['1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', btc(10n)],
          [satoshi, btc(40n)],
        ],
      },
      {
        block: 181,
        tx: 'a16f3c',
        spends: ['f4184f:1'],
        outputs: [
          ['1DUDsfc23Dv9sPMEk5RsrtfzCw5ofi5sVW', btc(10n)],
          [satoshi, btc(30n)],
        ],
      },
      {
        block: 182,
        tx: '591e91',
        spends: ['a16f3c:1'],
        outputs: [
          ['1LzBzVqEeuQyjD2mRWHes3dgWrT9titxvq', btc(1n)],
          [satoshi, btc(29n)],
        ],
      },
      {
        block: 183,
        tx: '12b563',
        spends: ['591e91:1'],
        outputs: [
          ['13HtsYzne8xVPdGDnmJX8gHgBZerAfJGEf', btc(1n)],
          [satoshi, btc(28n)],
        ],
      },
      {
        block: 187,
        tx: '4385fc',
        spends: ['12b563:0'],
        outputs: [['15NUwyBYrZcnUgTagsm1A7M2yL2GntpuaZ', btc(1n)]],
      },
      {
        block: 221,
        tx: '298ca2',
        spends: ['591e91:0'],
        outputs: [['1BDvQZjaAJH4ecZ8aL3fYgTi7rnn3o2thE', btc(1n)]],
      },
      {
        block: 248,
        tx: '828ef3',
        spends: ['12b563:1'],
        outputs: [
          ['1ByLSV2gLRcuqUmfdYcpPQH8Npm8cccsFg', btc(10n)],
          [satoshi, btc(18n)],
        ],
      },
    ])
  })

  // Every payment has one input, wholly tainted, and no fee: all three policies give the whole
  // of each output. Hand trace (BTC):
  //   f4184f: 50 → Hal 10, 12cbQ 40          a16f3c: 40 → 1DUDs 10, 12cbQ 30
  //   591e91: 30 → 1LzBz 1, 12cbQ 29          12b563: 29 → 13Hts 1, 12cbQ 28
  //   4385fc: 13Hts 1 → 15NUw 1               298ca2: 1LzBz 1 → 1BDvQ 1
  //   828ef3: 28 → 1ByLS 10, 12cbQ 18
  // 12cbQ (hop 0, the seeded coinbase) receives 40 + 30 + 29 + 28 + 18 = 145 and holds 18.
  // Held: 10 + 10 + 1 + 1 + 10 + 18 = 50 = seeded.
  test.each(policies)('default: %s matches the hand trace', (policy) => {
    const result = traceForward({ events: built.events, seeds, policy })
    expect(holdingsOf(result)).toEqual({
      [satoshi]: { received: btc(40n + 30n + 29n + 28n + 18n), held: btc(18n), hop: 0 },
      '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3': { received: btc(10n), held: btc(10n), hop: 1 },
      '1DUDsfc23Dv9sPMEk5RsrtfzCw5ofi5sVW': { received: btc(10n), held: btc(10n), hop: 2 },
      '1LzBzVqEeuQyjD2mRWHes3dgWrT9titxvq': { received: btc(1n), held: 0n, hop: 3 },
      '13HtsYzne8xVPdGDnmJX8gHgBZerAfJGEf': { received: btc(1n), held: 0n, hop: 4 },
      '15NUwyBYrZcnUgTagsm1A7M2yL2GntpuaZ': { received: btc(1n), held: btc(1n), hop: 5 },
      '1BDvQZjaAJH4ecZ8aL3fYgTi7rnn3o2thE': { received: btc(1n), held: btc(1n), hop: 4 },
      '1ByLSV2gLRcuqUmfdYcpPQH8Npm8cccsFg': { received: btc(10n), held: btc(10n), hop: 5 },
    })
    expect(result.holdings.find((h) => h.address === satoshi)?.seeded).toBe(btc(50n))
    expect(result.totals).toEqual({ ...zeroTotals, seeded: btc(50n), held: btc(50n) })
    // No skipped transaction spends a tainted output.
    expect([...built.skippedSpends].filter(taintedOutpoint(seeds, result))).toEqual([])
  })
})
