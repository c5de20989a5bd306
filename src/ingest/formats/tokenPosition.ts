import { transferPosition } from '../../chain/index.js'

const cache: string[] = []

/**
 * `transferPosition.token(logIndex)`, memoised for the log indexes real blocks have: building
 * the padded string is a measurable share of parsing a million-row token transfer export.
 */
export function tokenPosition(logIndex: number): string {
  if (logIndex >= 100_000) return transferPosition.token(logIndex)
  let position = cache[logIndex]
  if (position === undefined) {
    position = transferPosition.token(logIndex)
    cache[logIndex] = position
  }
  return position
}
