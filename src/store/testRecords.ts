import type {
  BlockRecord,
  BridgeDepositRecord,
  ChainBatch,
  InputRecord,
  OutputRecord,
  SwapRecord,
  TransactionRecord,
  TransferRecord,
} from '../chain/index.js'

/** Typed builders of small, valid records for store tests; override any field. */
export const testRecords = {
  hash(seed: number): string {
    return `0x${seed.toString(16).padStart(64, '0')}`
  },
  address(seed: number): string {
    return `0x${seed.toString(16).padStart(40, '0')}`
  },
  block(fields: Partial<BlockRecord> = {}): BlockRecord {
    return {
      chain: 'ethereum',
      height: 1,
      hash: testRecords.hash(1),
      parentHash: testRecords.hash(0),
      time: 1_700_000_000,
      txCount: 1,
      ...fields,
    }
  },
  transaction(fields: Partial<TransactionRecord> = {}): TransactionRecord {
    return {
      chain: 'ethereum',
      hash: testRecords.hash(100),
      blockHeight: 1,
      blockHash: testRecords.hash(1),
      index: 0,
      from: null,
      to: null,
      value: 0n,
      fee: null,
      success: true,
      ...fields,
    }
  },
  output(fields: Partial<OutputRecord> = {}): OutputRecord {
    return {
      chain: 'bitcoin',
      txHash: testRecords.hash(200),
      index: 0,
      address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      value: 5_000_000_000n,
      scriptType: 'p2wpkh',
      blockHeight: 1,
      txIndex: 0,
      ...fields,
    }
  },
  input(fields: Partial<InputRecord> = {}): InputRecord {
    return {
      chain: 'bitcoin',
      txHash: testRecords.hash(201),
      index: 0,
      spentTxHash: testRecords.hash(200),
      spentOutputIndex: 0,
      address: null,
      value: null,
      blockHeight: 2,
      txIndex: 1,
      ...fields,
    }
  },
  transfer(fields: Partial<TransferRecord> = {}): TransferRecord {
    return {
      chain: 'ethereum',
      txHash: testRecords.hash(100),
      kind: 'native',
      position: 'a',
      asset: 'native',
      from: testRecords.address(1),
      to: testRecords.address(2),
      amount: 1n,
      blockHeight: 1,
      txIndex: 0,
      ...fields,
    }
  },
  swap(fields: Partial<SwapRecord> = {}): SwapRecord {
    return {
      chain: 'ethereum',
      txHash: testRecords.hash(100),
      blockHeight: 1,
      txIndex: 0,
      position: 'c000003',
      protocol: 'uniswap-v2',
      pool: testRecords.address(0x9001),
      sender: testRecords.address(0x9002),
      recipient: testRecords.address(1),
      tokenIn: testRecords.address(0xa),
      amountIn: 1000n,
      tokenOut: testRecords.address(0xb),
      amountOut: 2000n,
      ...fields,
    }
  },
  bridgeDeposit(fields: Partial<BridgeDepositRecord> = {}): BridgeDepositRecord {
    return {
      chain: 'ethereum',
      txHash: testRecords.hash(100),
      blockHeight: 1,
      txIndex: 0,
      position: 'c000001',
      router: testRecords.address(0x7001),
      vault: testRecords.address(0x7002),
      depositor: testRecords.address(1),
      asset: 'native',
      amount: 10n ** 18n,
      memo: '=:BTC.BTC:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      ...fields,
    }
  },
  batch(fields: Partial<ChainBatch> = {}): ChainBatch {
    return { blocks: [], transactions: [], outputs: [], inputs: [], transfers: [], ...fields }
  },
}
