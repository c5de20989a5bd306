import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hash,
  http,
  keccak256,
  toHex,
} from 'viem'
import { encodeBitcoinAddress } from '../src/chain/index.js'
import type { Artifact } from './anvil.js'

/**
 * A scripted heist on a local anvil chain (fees are zero: `--base-fee 0`, gas price 0, so every
 * balance is what the transfers say). All amounts below are the script's own; the live test
 * computes the taint each policy must give from them.
 */

/** 1 ETH, 0.01 ETH, and one token (18 decimals), in base units. */
export const ETH = 10n ** 18n
export const CENT = 10n ** 16n
export const TOKEN = 10n ** 18n

/** A fixed address per name, so every run builds the same chain. */
export const addressOf = (name: string): Address =>
  `0x${keccak256(toHex(`chainwatch-live:${name}`)).slice(26)}`

/** A mainnet bech32 (P2WPKH) address per name. */
export const bitcoinAddressOf = (name: string): string =>
  encodeBitcoinAddress({
    type: 'segwit',
    network: 'mainnet',
    witnessVersion: 0,
    program: Buffer.from(keccak256(toHex(`chainwatch-live-btc:${name}`)).slice(2, 42), 'hex'),
  })

/** anvil's first three dev accounts (funded in genesis: their history is unknown, so clean). */
export const deployer: Address = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
export const victim: Address = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
export const funder: Address = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'

export const theft = addressOf('theft')
export const exchangeEth = addressOf('exchange-eth')
export const exchangeToken = addressOf('exchange-token')
export const exchangeBtc = bitcoinAddressOf('exchange-btc')
export const vault = addressOf('thorchain-vault')
/** H1..H50, the fan-out addresses (index 0 is H1). */
export const hops: readonly Address[] = Array.from({ length: 50 }, (_, i) =>
  addressOf(`hop-${i + 1}`),
)
export const hop = (n: number): Address => hops[n - 1] as Address
/** The memo (destination) address of H46..H50's bridge deposits. */
export const memoAddress = (n: number): string => bitcoinAddressOf(`memo-${n}`)

// The script, in amounts (see the live test for what each policy makes of them).
export const script = {
  theftCleanEth: 2n * ETH,
  theftCleanToken: 1_000n * TOKEN,
  stolenEth: 100n * ETH,
  stolenToken: 100_000n * TOKEN,
  /** H1..H20 each get 3.06 ETH, H46..H50 8.16 ETH: 102 ETH, all T holds. */
  fanOutEthSmall: 306n * CENT,
  fanOutEthLarge: 816n * CENT,
  /** H21..H45 each get 4,040 A: 101,000 A, all T holds. */
  fanOutToken: 4_040n * TOKEN,
  cleanEth: 1n * ETH,
  cleanToken: 1_000n * TOKEN,
  /** H1..H15 send 2.03 ETH to the exchange, H16..H20 all 3.06 ETH. */
  exchangeEthPart: 203n * CENT,
  /** H21..H35 swap 2,520 A, H36..H45 all 4,040 A. */
  swapPart: 2_520n * TOKEN,
  /** H46, H47 deposit 4.58 ETH, H48..H50 all 8.16 ETH. */
  depositPart: 458n * CENT,
  poolA: 1_000_000n * TOKEN,
  poolB: 500_000n * TOKEN,
} as const

export type ScriptedSwap = {
  readonly holder: number
  readonly amountIn: bigint
  readonly amountOut: bigint
  readonly recipient: Address
}

export type ScriptedDeposit = {
  readonly holder: number
  readonly amount: bigint
  readonly memoAddress: string
  readonly txHash: Hash
  readonly blockTime: number
}

export type Heist = {
  readonly tokenA: Address
  readonly tokenB: Address
  readonly pair: Address
  readonly bridgeRouter: Address
  /** The theft transactions: victim → T, 100 ETH and 100,000 A. */
  readonly theftEthTx: Hash
  readonly theftTokenTx: Hash
  readonly swaps: readonly ScriptedSwap[]
  readonly deposits: readonly ScriptedDeposit[]
  readonly lastBlock: number
}

/** Uniswap V2's getAmountOut: 0.3% fee, rounded down (the pair checks the invariant). */
export function amountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const withFee = amountIn * 997n
  return (withFee * reserveOut) / (reserveIn * 1000n + withFee)
}

/** Runs the heist; every transaction must succeed. */
export async function runHeist(url: string, artifacts: Record<string, Artifact>): Promise<Heist> {
  const transport = http(url)
  const chain = createPublicClient({ transport })
  const wallet = createWalletClient({ transport })
  // Block times 12 s apart from here on, so the chain (and its hashes) are the same every run.
  await chain.request({ method: 'anvil_setBlockTimestampInterval' as never, params: [12] as never })

  const mined = async (hash: Hash) => {
    const receipt = await chain.waitForTransactionReceipt({ hash, pollingInterval: 10 })
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`)
    return receipt
  }
  const send = async (from: Address, to: Address, value: bigint, data?: `0x${string}`) => {
    const hash = await wallet.sendTransaction({
      account: from,
      chain: null,
      to,
      value,
      gasPrice: 0n,
      ...(data === undefined ? {} : { data }),
    })
    await mined(hash)
    return hash
  }
  const call = (
    from: Address,
    to: Address,
    abi: readonly unknown[],
    functionName: string,
    args: readonly unknown[],
    value = 0n,
  ) => send(from, to, value, encodeFunctionData({ abi: abi as Abi, functionName, args }))
  const deploy = async (name: string, args: readonly unknown[] = []) => {
    const artifact = artifacts[name]
    if (artifact === undefined) throw new Error(`no contract ${name}`)
    const hash = await wallet.deployContract({
      account: deployer,
      chain: null,
      abi: artifact.abi as Abi,
      bytecode: artifact.bytecode,
      args,
      gasPrice: 0n,
    })
    const address = (await mined(hash)).contractAddress
    if (!address) throw new Error(`${name} was not deployed`)
    return address.toLowerCase() as Address
  }
  const abi = (name: string) => artifacts[name]?.abi ?? []
  const erc20 = abi('TestToken')

  // Contracts, liquidity, and clean balances.
  const tokenA = await deploy('TestToken', ['Token A', 'A', 10_000_000n * TOKEN])
  const tokenB = await deploy('TestToken', ['Token B', 'B', 10_000_000n * TOKEN])
  const pair = await deploy('ConstantProductPair', [tokenA, tokenB])
  const swapRouter = await deploy('SwapRouter')
  const disperser = await deploy('Disperser')
  const bridgeRouter = await deploy('BridgeRouter')
  await call(deployer, tokenA, erc20, 'transfer', [pair, script.poolA])
  await call(deployer, tokenB, erc20, 'transfer', [pair, script.poolB])
  await call(deployer, pair, abi('ConstantProductPair'), 'sync', [])
  await call(deployer, tokenA, erc20, 'transfer', [victim, 200_000n * TOKEN])
  await send(funder, theft, script.theftCleanEth)
  await call(deployer, tokenA, erc20, 'transfer', [theft, script.theftCleanToken])
  for (let n = 1; n <= 10; n++) await send(funder, hop(n), script.cleanEth)
  for (const n of [46, 47]) await send(funder, hop(n), script.cleanEth)
  for (let n = 21; n <= 30; n++)
    await call(deployer, tokenA, erc20, 'transfer', [hop(n), script.cleanToken])

  // The theft.
  const theftEthTx = await send(victim, theft, script.stolenEth)
  const theftTokenTx = await call(victim, tokenA, erc20, 'transfer', [theft, script.stolenToken])

  // Fan-out: ETH through the disperser (internal transfers), A straight to each holder.
  const ethHolders = [...range(1, 20), ...range(46, 50)]
  const ethValues = ethHolders.map((n) => (n <= 20 ? script.fanOutEthSmall : script.fanOutEthLarge))
  const fanOutEth = ethValues.reduce((sum, v) => sum + v, 0n)
  await call(
    theft,
    disperser,
    abi('Disperser'),
    'disperseEther',
    [ethHolders.map(hop), ethValues],
    fanOutEth,
  )
  const tokenHolders = range(21, 45)
  await call(theft, tokenA, erc20, 'approve', [disperser, script.fanOutToken * 25n])
  await call(theft, disperser, abi('Disperser'), 'disperseToken', [
    tokenA,
    tokenHolders.map(hop),
    tokenHolders.map(() => script.fanOutToken),
  ])

  // Clean value arriving after the tainted.
  for (let n = 11; n <= 15; n++) await send(funder, hop(n), script.cleanEth)
  for (let n = 31; n <= 35; n++)
    await call(deployer, tokenA, erc20, 'transfer', [hop(n), script.cleanToken])

  // ETH to the first exchange.
  for (let n = 1; n <= 20; n++) {
    await send(hop(n), exchangeEth, n <= 15 ? script.exchangeEthPart : script.fanOutEthSmall)
  }

  // Swaps A → B; H31..H35 have the pair pay the exchange directly, the others forward their B.
  let reserveA = script.poolA
  let reserveB = script.poolB
  const swaps: ScriptedSwap[] = []
  for (const n of tokenHolders) {
    const amountIn = n <= 35 ? script.swapPart : script.fanOutToken
    const out = amountOut(amountIn, reserveA, reserveB)
    reserveA += amountIn
    reserveB -= out
    const recipient = n >= 31 && n <= 35 ? exchangeToken : hop(n)
    await call(hop(n), tokenA, erc20, 'approve', [swapRouter, amountIn])
    await call(hop(n), swapRouter, abi('SwapRouter'), 'swapExactIn', [
      pair,
      tokenA,
      amountIn,
      out,
      recipient,
    ])
    if (recipient !== exchangeToken)
      await call(hop(n), tokenB, erc20, 'transfer', [exchangeToken, out])
    swaps.push({ holder: n, amountIn, amountOut: out, recipient })
  }

  // Bridge deposits: ETH to the vault through the router, memo naming a Bitcoin address.
  const deposits: ScriptedDeposit[] = []
  for (const n of range(46, 50)) {
    const amount = n <= 47 ? script.depositPart : script.fanOutEthLarge
    const memo = `=:BTC.BTC:${memoAddress(n)}`
    const txHash = await call(
      hop(n),
      bridgeRouter,
      abi('BridgeRouter'),
      'deposit',
      [vault, '0x0000000000000000000000000000000000000000', amount, memo],
      amount,
    )
    const receipt = await chain.getTransactionReceipt({ hash: txHash })
    const block = await chain.getBlock({ blockNumber: receipt.blockNumber })
    deposits.push({
      holder: n,
      amount,
      memoAddress: memoAddress(n),
      txHash,
      blockTime: Number(block.timestamp),
    })
  }
  const lastBlock = Number(await chain.getBlockNumber({ cacheTime: 0 }))
  return {
    tokenA,
    tokenB,
    pair,
    bridgeRouter,
    theftEthTx,
    theftTokenTx,
    swaps,
    deposits,
    lastBlock,
  }
}

export function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}
