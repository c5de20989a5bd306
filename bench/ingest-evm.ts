/**
 * Live EVM ingest throughput: starts anvil, fills a chain (BLOCKS blocks, each with TXS
 * transactions cycling ETH transfer, ERC-20 transfer, ETH through a forwarder contract = one
 * internal transfer), ingests it with `ingestEvm` into a fresh SQLite store, then makes the same
 * JSON-RPC calls directly (block with transactions, block receipts, callTracer trace; same
 * concurrency, answers parsed as JSON but not decoded or stored) so the project's overhead over
 * the node is visible.
 *
 * npm run bench -- ingest-evm [BLOCKS] [TXS]     (default 2,000 blocks, 3 transactions each)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeFunctionData } from 'viem'
import { ingestEvm } from '../src/ingest/index.js'
import { openSqliteStore } from '../src/store/index.js'
import { compileTestContracts, startAnvil } from '../test/anvil.js'
import {
  deployChainContracts,
  mined,
  recipient,
  rpc,
  type SentCounts,
  send,
} from '../test/anvilChain.js'

const blocks = Number.parseInt(process.argv[3] ?? '2000', 10)
const txsPerBlock = Number.parseInt(process.argv[4] ?? '3', 10)
const concurrency = 8

const anvil = await startAnvil()
const directory = mkdtempSync(join(tmpdir(), 'cw-bench-ingest-'))
try {
  const sent: SentCounts = { native: 0, internal: 0, token: 0, transactions: 0 }
  const contracts = await deployChainContracts(anvil.url, compileTestContracts(), sent)
  const filling = performance.now()
  await rpc(anvil.url, 'evm_setAutomine', [false])
  const transferAbi = [
    {
      type: 'function',
      name: 'transfer',
      inputs: [
        { name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
      ],
      outputs: [{ name: '', type: 'bool' }],
      stateMutability: 'nonpayable',
    },
  ] as const
  const forwardAbi = [
    {
      type: 'function',
      name: 'forward',
      inputs: [{ name: 'to', type: 'address' }],
      outputs: [],
      stateMutability: 'payable',
    },
  ] as const
  let last = ''
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < txsPerBlock; i++) {
      const n = b * txsPerBlock + i
      const to = recipient(n) as `0x${string}`
      const amount = BigInt(n + 1)
      if (n % 3 === 0) {
        last = await send(anvil.url, { to, value: amount })
        sent.native++
      } else if (n % 3 === 1) {
        const data = encodeFunctionData({ abi: transferAbi, args: [to, amount] })
        last = await send(anvil.url, { to: contracts.token, data })
        sent.token++
      } else {
        const data = encodeFunctionData({ abi: forwardAbi, args: [to] })
        last = await send(anvil.url, { to: contracts.forwarder, value: amount, data })
        sent.native++
        sent.internal++
      }
      sent.transactions++
    }
    await rpc(anvil.url, 'evm_mine')
  }
  if (last !== '') await mined(anvil.url, last)
  const tip = Number(await rpc<string>(anvil.url, 'eth_blockNumber'))
  const transfers = sent.native + sent.internal + sent.token
  console.log(
    `chain: ${tip + 1} blocks, ${sent.transactions} transactions, ${transfers} transfers (${sent.native} native, ${sent.internal} internal, ${sent.token} token); filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
  )

  // 1. Chainwatch: fetch, validate, decode, link-check, write with checkpoint and status.
  const store = await openSqliteStore({ path: join(directory, 'ingest.db') })
  const started = performance.now()
  const summary = await ingestEvm(
    { store },
    { rpcUrl: anvil.url, batchSize: 100, concurrency, retries: 0 },
  )
  const seconds = (performance.now() - started) / 1000
  await store.close()
  const stored = summary.transfers.native + summary.transfers.internal + summary.transfers.token
  if (stored !== transfers) throw new Error(`ingested ${stored} transfers, sent ${transfers}`)
  console.log(
    `ingest evm → SQLite: ${summary.blocks} blocks in ${seconds.toFixed(2)} s = ${(summary.blocks / seconds).toFixed(0)} blocks/s, ${(stored / seconds).toFixed(0)} transfers/s (${summary.requests} JSON-RPC calls)`,
  )

  // 2. The node alone: the same three calls per block, answers parsed, nothing decoded or stored.
  const direct = performance.now()
  let nextBlock = 0
  const call = async (method: string, params: unknown[]) => {
    const response = await fetch(anvil.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
    await response.json()
  }
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let n = nextBlock++; n <= tip; n = nextBlock++) {
        const tag = `0x${n.toString(16)}`
        await Promise.all([
          call('eth_getBlockByNumber', [tag, true]),
          call('eth_getBlockReceipts', [tag]),
          call('debug_traceBlockByNumber', [tag, { tracer: 'callTracer' }]),
        ])
      }
    }),
  )
  const nodeSeconds = (performance.now() - direct) / 1000
  console.log(
    `node alone (same calls, concurrency ${concurrency}): ${tip + 1} blocks in ${nodeSeconds.toFixed(2)} s = ${((tip + 1) / nodeSeconds).toFixed(0)} blocks/s, ${(transfers / nodeSeconds).toFixed(0)} transfers/s`,
  )
  console.log(`chainwatch overhead: ${(seconds / nodeSeconds).toFixed(2)}× the node's own time`)
} finally {
  await anvil.stop()
  rmSync(directory, { recursive: true, force: true })
}
