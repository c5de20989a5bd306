import { createHash } from 'node:crypto'
import { type Abi, encodeFunctionData } from 'viem'
import type { Store } from '../src/store/index.js'
import type { Artifact } from './anvil.js'

/** anvil's first default account (unlocked: `eth_sendTransaction` signs for it). */
export const sender = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'

/** One JSON-RPC call to a test node; throws on a JSON-RPC error. */
export async function rpc<T = unknown>(
  url: string,
  method: string,
  params: unknown[] = [],
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await response.json()) as { result?: T; error?: { message: string } }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`)
  return body.result as T
}

const hex = (n: bigint | number) => `0x${n.toString(16)}`

/** A fresh EOA-like recipient per seed (above the precompiles). */
export const recipient = (seed: number): string =>
  `0x${(0x10_0000 + seed).toString(16).padStart(40, '0')}`

/** Sends a transaction from `sender` (automine: it is mined before this returns). */
export async function send(
  url: string,
  tx: { readonly to?: string; readonly value?: bigint; readonly data?: string },
): Promise<string> {
  return rpc<string>(url, 'eth_sendTransaction', [
    {
      from: sender,
      ...(tx.to === undefined ? {} : { to: tx.to }),
      value: hex(tx.value ?? 0n),
      ...(tx.data === undefined ? {} : { data: tx.data }),
      gas: hex(3_000_000),
    },
  ])
}

export async function blockNumber(url: string): Promise<number> {
  return Number(await rpc<string>(url, 'eth_blockNumber'))
}

/** Waits until a sent transaction is mined (anvil may answer before it mines); its receipt. */
export async function mined(
  url: string,
  hash: string,
): Promise<{ contractAddress: string | null }> {
  for (;;) {
    const receipt = await rpc<{ contractAddress: string | null } | null>(
      url,
      'eth_getTransactionReceipt',
      [hash],
    )
    if (receipt !== null) return receipt
    await new Promise((done) => setTimeout(done, 5))
  }
}

/** Deploys a compiled contract from `sender`; returns its address. */
export async function deploy(url: string, artifact: Artifact, args: string = ''): Promise<string> {
  const hash = await send(url, { data: artifact.bytecode + args })
  const receipt = await mined(url, hash)
  if (receipt.contractAddress === null) throw new Error('not deployed')
  return receipt.contractAddress
}

/** The contracts a filled chain uses. */
export type ChainContracts = { readonly token: string; readonly forwarder: string }

/** Transfers a filled chain holds, counted from what was sent (not read back from the node). */
export type SentCounts = { native: number; internal: number; token: number; transactions: number }

/**
 * Deploys TestToken (its constructor's mint is one token transfer) and Forwarder: 2 transactions.
 */
export async function deployChainContracts(
  url: string,
  artifacts: Record<string, Artifact>,
  sent: SentCounts,
): Promise<ChainContracts> {
  const token = artifacts.TestToken
  const forwarder = artifacts.Forwarder
  if (token === undefined || forwarder === undefined) throw new Error('contracts missing')
  const args = encodeFunctionData({
    abi: [
      {
        type: 'function',
        name: 'f',
        inputs: [
          { name: 'a', type: 'string' },
          { name: 'b', type: 'string' },
          { name: 'c', type: 'uint256' },
        ],
        outputs: [],
        stateMutability: 'nonpayable',
      },
    ],
    args: ['Test', 'T', 10n ** 30n],
  }).slice(10)
  const contracts = {
    token: await deploy(url, token, args),
    forwarder: await deploy(url, forwarder),
  }
  sent.transactions += 2
  sent.token += 1
  return contracts
}

const erc20: Abi = [
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
]
const forwarderAbi: Abi = [
  {
    type: 'function',
    name: 'forward',
    inputs: [{ name: 'to', type: 'address' }],
    outputs: [],
    stateMutability: 'payable',
  },
]

/**
 * Sends `count` transactions, one block each, cycling: an ETH transfer (1 native), an ERC-20
 * transfer (1 token), an ETH payment through the forwarder (1 native + 1 internal). `seed`
 * makes recipients and amounts differ between branches.
 */
export async function sendTransfers(
  url: string,
  contracts: ChainContracts,
  { count, seed }: { readonly count: number; readonly seed: number },
  sent: SentCounts,
): Promise<void> {
  let last: string | null = null
  for (let i = 0; i < count; i++) {
    const to = recipient(seed + i)
    const amount = BigInt(seed + i + 1)
    const kind = i % 3
    if (kind === 0) {
      last = await send(url, { to, value: amount })
      sent.native++
    } else if (kind === 1) {
      const data = encodeFunctionData({ abi: erc20, functionName: 'transfer', args: [to, amount] })
      last = await send(url, { to: contracts.token, data })
      sent.token++
    } else {
      const data = encodeFunctionData({ abi: forwarderAbi, functionName: 'forward', args: [to] })
      last = await send(url, { to: contracts.forwarder, value: amount, data })
      sent.native++
      sent.internal++
    }
    sent.transactions++
  }
  if (last !== null) await mined(url, last)
}

/** Mines empty blocks until the chain's tip is `height`. */
export async function mineTo(url: string, height: number): Promise<void> {
  const tip = await blockNumber(url)
  if (height > tip) await rpc(url, 'anvil_mine', [hex(height - tip)])
}

/**
 * What a store holds of a chain, for comparing two stores: SHA-256 over the ordered transfers
 * and over the ordered block hashes, and the row count of every table.
 */
export async function storeDigest(store: Store, chain: 'ethereum' = 'ethereum') {
  const transfers = createHash('sha256')
  let count = 0
  for await (const page of store.transfersInOrder({ chain })) {
    for (const t of page) {
      count++
      transfers.update(
        `${t.blockHeight}|${t.txIndex}|${t.txHash}|${t.position}|${t.kind}|${t.asset}|${t.from}|${t.to}|${t.amount}\n`,
      )
    }
  }
  const [stats] = await store.stats()
  const tip = await store.tip(chain)
  const blocks = createHash('sha256')
  for (let h = 0; tip !== null && h <= tip.height; h++) {
    blocks.update(`${h}:${await store.blockHash(chain, h)}\n`)
  }
  return {
    transfers: transfers.digest('hex'),
    transferCount: count,
    blocks: blocks.digest('hex'),
    tip,
    stats,
  }
}
