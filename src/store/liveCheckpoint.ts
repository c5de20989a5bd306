import type { ChainId } from '../chain/index.js'

/**
 * The one checkpoint a live ingester keeps per chain: its position is the next block height to
 * ingest. `rollbackFrom` moves it back; ingesters of every chain (EVM, Bitcoin) use this key.
 */
export function liveCheckpointSource(chain: ChainId): string {
  return `rpc:${chain}`
}
