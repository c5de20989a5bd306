import { ChainwatchError } from '../../errors/index.js'

/**
 * Checks a confidence given by the caller: an integer from 0 to 100.
 *
 * @throws ChainwatchError `input.invalid`
 */
export function checkConfidence(confidence: number): number {
  if (Number.isInteger(confidence) && confidence >= 0 && confidence <= 100) return confidence
  throw new ChainwatchError('input.invalid', 'Confidence must be an integer from 0 to 100.', {
    meta: { confidence },
  })
}
