import { ChainwatchError } from '../errors/index.js'
import type { ImportCheckpoint } from './Store.js'

/** Returns the checkpoint if its position is a non-negative safe integer; else `input.invalid`. */
export function checkpointInput(checkpoint: ImportCheckpoint): ImportCheckpoint {
  if (Number.isSafeInteger(checkpoint.position) && checkpoint.position >= 0) return checkpoint
  throw new ChainwatchError(
    'input.invalid',
    `Checkpoint position ${checkpoint.position} is not a non-negative integer.`,
    { meta: { source: checkpoint.source, position: checkpoint.position } },
  )
}
