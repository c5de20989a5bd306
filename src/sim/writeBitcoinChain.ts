import { join } from 'node:path'
import type { BitcoinBackground } from './createBitcoinBackground.js'
import type { Rng } from './createRng.js'
import { dailyRhythm } from './dailyRhythm.js'
import { openLineWriter } from './openLineWriter.js'
import type { SimBtcInput, SimBtcOutput, SimBtcTx, TruthStep } from './SimTypes.js'
import { simAddress } from './simAddress.js'
import type { ChainWritten } from './writeEthereumChain.js'

export type WriteBitcoinChainParameters = {
  readonly dir: string
  readonly rng: Rng
  readonly firstBlock: number
  readonly startTime: number
  readonly endTime: number
  readonly plan: readonly SimBtcTx[]
  readonly background: BitcoinBackground
  readonly backgroundTransfers: number
}

const BLOCK_SECONDS = 600
const SUBSIDY = 312_500_000n

/**
 * Writes a bitcoin-etl JSON-lines export (blocks.json, transactions.json with nested inputs and
 * outputs) block by block — coinbase first, then the laundering plan, then benign traffic — and
 * returns the truth steps: each laundered output.
 */
export async function writeBitcoinChain(p: WriteBitcoinChainParameters): Promise<ChainWritten> {
  const blocksFile = openLineWriter(join(p.dir, 'blocks.json'))
  const txFile = openLineWriter(join(p.dir, 'transactions.json'))
  const miners = Array.from({ length: 8 }, () => simAddress(p.rng, 'bitcoin'))
  const steps: TruthStep[] = []
  const blocks = Math.ceil((p.endTime - p.startTime) / BLOCK_SECONDS)
  const perBlock = p.backgroundTransfers / blocks
  let owed = 0
  let next = 0
  let transfers = 0
  for (let b = 0; b < blocks; b++) {
    const number = p.firstBlock + b
    const time = p.startTime + b * BLOCK_SECONDS
    const hash = `00000000000000000001${p.rng.hex(22)}`
    const txs: SimBtcTx[] = []
    while (next < p.plan.length && (p.plan[next]?.time ?? Infinity) < time + BLOCK_SECONDS) {
      const tx = p.plan[next++]
      if (tx !== undefined) txs.push(tx)
    }
    owed += perBlock * dailyRhythm(time)
    while (owed >= 1) {
      const drawn = p.background.next(time)
      txs.push(drawn.tx)
      owed -= drawn.transfers
    }
    const at = `"block_number":${number},"block_hash":"${hash}","block_timestamp":${time}`
    let fees = 0n
    const rows: string[] = []
    txs.forEach((tx, i) => {
      const index = i + 1
      const inputValue = tx.inputs.reduce((sum, input) => sum + input.value, 0n)
      const outputValue = tx.outputs.reduce((sum, output) => sum + output.value, 0n)
      fees += inputValue - outputValue
      const inputs = tx.inputs.map(inputJson).join(',')
      const outputs = tx.outputs.map(outputJson).join(',')
      rows.push(
        `{"type":"transaction","hash":"${tx.hash}","size":${100 + 150 * tx.inputs.length},"version":2,"lock_time":0,${at},"is_coinbase":false,"index":${index},"inputs":[${inputs}],"outputs":[${outputs}],"input_count":${tx.inputs.length},"output_count":${tx.outputs.length},"input_value":${inputValue},"output_value":${outputValue},"fee":${inputValue - outputValue}}`,
      )
      tx.outputs.forEach((output, o) => {
        if (output.address === null) return
        transfers++
        if (tx.technique === undefined) {
          p.background.spendable({
            txHash: tx.hash,
            index: o,
            address: output.address,
            value: output.value,
          })
        } else if (tx.launderedOutputs === undefined || tx.launderedOutputs.includes(o)) {
          steps.push({
            chain: 'bitcoin',
            technique: tx.technique,
            txHash: tx.hash,
            position: null,
            outputIndex: o,
            from: tx.inputs[0]?.address ?? null,
            to: output.address,
            asset: 'native',
            amount: output.value.toString(),
            block: number,
            time,
          })
        }
      })
    })
    const miner = miners[p.rng.int(miners.length)] ?? ''
    const reward = SUBSIDY + fees
    txFile.line(
      `{"type":"transaction","hash":"${p.rng.hex(32)}","size":200,"version":2,"lock_time":0,${at},"is_coinbase":true,"index":0,"inputs":[],"outputs":[${outputJson({ address: miner, value: reward }, 0)}],"input_count":0,"output_count":1,"input_value":0,"output_value":${reward},"fee":0}`,
    )
    transfers++
    for (const row of rows) txFile.line(row)
    blocksFile.line(
      `{"type":"block","hash":"${hash}","size":1000000,"number":${number},"version":536870912,"merkle_root":"${p.rng.hex(32)}","timestamp":${time},"nonce":"${p.rng.hex(4)}","bits":"17027726","transaction_count":${txs.length + 1}}`,
    )
    await blocksFile.maybeFlush()
    await txFile.maybeFlush()
  }
  await blocksFile.close()
  await txFile.close()
  return { steps, blocks, transfers, rows: blocksFile.lines() + txFile.lines() }
}

function inputJson(input: SimBtcInput, index: number): string {
  return `{"index":${index},"spent_transaction_hash":"${input.txHash}","spent_output_index":${input.index},"script_asm":"","script_hex":"","sequence":4294967293,"required_signatures":null,"type":"witness_v0_keyhash","addresses":["${input.address}"],"value":${input.value}}`
}

function outputJson(output: SimBtcOutput, index: number): string {
  if (output.address === null) {
    const payload = Buffer.from(output.opReturn ?? '', 'utf8')
    const script = `6a${payload.length.toString(16).padStart(2, '0')}${payload.toString('hex')}`
    return `{"index":${index},"script_asm":"OP_RETURN ${payload.toString('hex')}","script_hex":"${script}","required_signatures":null,"type":"nulldata","addresses":[],"value":${output.value}}`
  }
  return `{"index":${index},"script_asm":"","script_hex":"","required_signatures":1,"type":"witness_v0_keyhash","addresses":["${output.address}"],"value":${output.value}}`
}
