import { describe, expect, test } from 'vitest'
import { type OutputSeed, type TracePolicy, traceForward } from './index.js'
import { taintedOutpoint } from './taintedOutpoint.js'
import { buildEvents, holdingsOf, readBlocks, zeroTotals } from './testRealBlocks.js'

// Forward traces over a chain of spends inside real mainnet block 574200, checked by hand.

describe('behavior: mainnet block 574200, a chain of in-block spends', async () => {
  const [block] = await readBlocks(
    'btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
  )
  // Only transactions spending outputs created earlier in this block have every input valued.
  const built = buildEvents(block === undefined ? [] : [{ height: 574_200, block }])

  // Three transactions of the block (indexes 2126, 2128, 2129):
  //   2126 5e943e…: → 0: 3CXLH… 1,412,798 (seeded)
  //   2128 c5fb4d…: in 2127:1 3GJqC… 1,057,670 (clean), 2126:0 3CXLH… 1,412,798 (tainted)
  //                 → 0: 3CAoQ… 1,360,655, 1: 1Gfex… 1,100,000; fee 2,470,468 − 2,460,655 = 9,813
  //   2129 cf6e78…: in 2128:0 3CAoQ… 1,360,655, 2123:0 357UC… 1,000,560 (clean)
  //                 → 0: 1Gfex… 1,300,000, 1: 35AQd… 1,051,402; fee 2,361,215 − 2,351,402 = 9,813
  const tx2126 = '5e943ee87b176aada5f28ebb51afcdd5520b0cf350be898f94acee3ba4f6d555'
  const tx2128 = 'c5fb4d4f7f4b9c37cd3cf843680a2f0cf91d88793c49d0e4e7475c2b110c422e'
  const tx2129 = 'cf6e78839354dc8dd9d9bda058f5be61a0da7362103fb6af5aacb0e017e93a5d'
  const seeded = '3CXLHffganRcudnPFc6Cvt3jvVMipqrmtu'
  const hop1 = '3CAoQaiKmkFpxEEf7UorkJjgNVp8BS7PHK'
  const exchange = '1Gfex6Um4vLCryYH8bRDK4XjECERxkw7yv'
  const hop2 = '35AQdYjFvctmjqfvChnwMrDxKdTJoaTjLZ'
  const seeds: readonly OutputSeed[] = [
    { kind: 'output', chain: 'bitcoin', txHash: tx2126, outputIndex: 0 },
  ]
  const brief = (txHash: string) => {
    const event = built.events.find((e) => e.txHash === txHash)
    return {
      txIndex: event?.txIndex,
      inputs: event?.inputs.map((i) => [i.spentTxHash, i.spentOutputIndex, i.address, i.value]),
      outputs: event?.outputs.map((o) => [o.address, o.value]),
    }
  }

  test('default: the decoded transactions carry the values used below', () => {
    expect(block?.transactions).toHaveLength(3315)
    // Counted independently, by txid: a transaction is built when it is the coinbase or every
    // input spends a transaction earlier in the block (912 + the coinbase); the other 2,402 spend
    // outputs of earlier blocks, absent here.
    const earlier = new Set<string>()
    let inBlock = 0
    for (const tx of block?.transactions ?? []) {
      if (tx.inputs.every((input) => input.coinbase || earlier.has(input.prevTxid))) inBlock++
      earlier.add(tx.txid)
    }
    expect({ built: built.events.length, skipped: built.skipped }).toEqual({
      built: inBlock,
      skipped: 3315 - inBlock,
    })
    expect(inBlock).toBe(913)
    expect(brief(tx2126).outputs?.[0]).toEqual([seeded, 1_412_798n])
    expect(brief(tx2128)).toEqual({
      txIndex: 2128,
      inputs: [
        [
          'fd9c6f9f6330e66a9487a35b94a934f00b1012e8e68ce7dd57800f6d0ed5ad82',
          1,
          '3GJqCxkCUwuKeLVtTk4JT8BLNfAZdzzKfN',
          1_057_670n,
        ],
        [tx2126, 0, seeded, 1_412_798n],
      ],
      outputs: [
        [hop1, 1_360_655n],
        [exchange, 1_100_000n],
      ],
    })
    expect(brief(tx2129)).toEqual({
      txIndex: 2129,
      inputs: [
        [tx2128, 0, hop1, 1_360_655n],
        [
          'a53a4df3542a2e13daa0f76e39bdb679be596126543d80e5283baaf3e76fe000',
          0,
          '357UC2R4wP7QucszhFm1vxE9rLXm5mErVW',
          1_000_560n,
        ],
      ],
      outputs: [
        [exchange, 1_300_000n],
        [hop2, 1_051_402n],
      ],
    })
  })

  const run = (policy: TracePolicy) => {
    const result = traceForward({ events: built.events, seeds, policy })
    // No skipped transaction spends a tainted output.
    expect([...built.skippedSpends].filter(taintedOutpoint(seeds, result))).toEqual([])
    return result
  }
  const seed = 1_412_798n
  const fee2128 = 1_057_670n + 1_412_798n - (1_360_655n + 1_100_000n) // 9,813
  const fee2129 = 1_360_655n + 1_000_560n - (1_300_000n + 1_051_402n) // 9,813

  test('default: poison taints every output and fee downstream', () => {
    const result = run('poison')
    expect(fee2128).toBe(9_813n)
    expect(fee2129).toBe(9_813n)
    expect(holdingsOf(result)).toEqual({
      [seeded]: { received: 0n, held: 0n, hop: 0 },
      [hop1]: { received: 1_360_655n, held: 0n, hop: 1 },
      // 1,100,000 from 2128 + 1,300,000 from 2129 = 2,400,000
      [exchange]: { received: 2_400_000n, held: 2_400_000n, hop: 1 },
      [hop2]: { received: 1_051_402n, held: 1_051_402n, hop: 2 },
    })
    expect(result.totals).toEqual({
      ...zeroTotals,
      seeded: seed,
      // The clean inputs 1,057,670 (2128) + 1,000,560 (2129) = 2,058,230
      contaminated: 1_057_670n + 1_000_560n,
      held: 2_400_000n + 1_051_402n,
      fees: fee2128 + fee2129, // 19,626
    })
  })

  test('default: haircut splits in proportion and floors', () => {
    // 2128: 1,412,798 tainted of 2,470,468 in.
    const out0 = (1_360_655n * 1_412_798n) / 2_470_468n // 1,922,330,662,690 / 2,470,468 = 778,124
    const out1 = (1_100_000n * 1_412_798n) / 2_470_468n // 1,554,077,800,000 / 2,470,468 = 629,062
    const fee0 = (9_813n * 1_412_798n) / 2_470_468n // 13,863,786,774 / 2,470,468 = 5,611
    expect([out0, out1, fee0]).toEqual([778_124n, 629_062n, 5_611n])
    // 2129: 778,124 tainted of 2,361,215 in.
    const ex = (1_300_000n * 778_124n) / 2_361_215n // 1,011,561,200,000 / 2,361,215 = 428,407
    const h2 = (1_051_402n * 778_124n) / 2_361_215n // 818,121,129,848 / 2,361,215 = 346,483
    const fee1 = (9_813n * 778_124n) / 2_361_215n // 7,635,730,812 / 2,361,215 = 3,233
    expect([ex, h2, fee1]).toEqual([428_407n, 346_483n, 3_233n])
    const result = run('haircut')
    expect(holdingsOf(result)).toEqual({
      [seeded]: { received: 0n, held: 0n, hop: 0 },
      [hop1]: { received: 778_124n, held: 0n, hop: 1 },
      // 629,062 + 428,407 = 1,057,469
      [exchange]: { received: 1_057_469n, held: 1_057_469n, hop: 1 },
      [hop2]: { received: 346_483n, held: 346_483n, hop: 2 },
    })
    expect(result.totals).toEqual({
      ...zeroTotals,
      seeded: seed,
      held: 1_057_469n + 346_483n, // 1,403,952
      fees: 5_611n + 3_233n, // 8,844
      // 1,412,798 − (778,124 + 629,062 + 5,611) = 1; 778,124 − (428,407 + 346,483 + 3,233) = 1
      rounding: 1n + 1n,
    })
  })

  test('default: fifo places the tainted range exactly', () => {
    // 2128: inputs end to end: clean [0, 1,057,670), tainted [1,057,670, 2,470,468).
    // Outputs: 0 [0, 1,360,655) takes [1,057,670, 1,360,655) = 302,985;
    //          1 [1,360,655, 2,460,655) is all tainted = 1,100,000; fee [2,460,655, 2,470,468) = 9,813.
    // 2129: input 0 (2128:0) first, its taint at [1,057,670, 1,360,655) on the line.
    // Outputs: 0 [0, 1,300,000) takes [1,057,670, 1,300,000) = 242,330;
    //          1 [1,300,000, 2,351,402) takes [1,300,000, 1,360,655) = 60,655; the fee takes none.
    const result = run('fifo')
    expect(holdingsOf(result)).toEqual({
      [seeded]: { received: 0n, held: 0n, hop: 0 },
      [hop1]: { received: 1_360_655n - 1_057_670n, held: 0n, hop: 1 },
      // 1,100,000 + 242,330 = 1,342,330
      [exchange]: {
        received: 1_100_000n + (1_300_000n - 1_057_670n),
        held: 1_342_330n,
        hop: 1,
      },
      [hop2]: { received: 1_360_655n - 1_300_000n, held: 60_655n, hop: 2 },
    })
    expect(result.totals).toEqual({
      ...zeroTotals,
      seeded: seed,
      held: 1_342_330n + 60_655n, // 1,402,985
      fees: 2_470_468n - 2_460_655n, // 9,813, all from 2128
    })
  })
})
