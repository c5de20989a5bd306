/**
 * Sortable positions of value movements inside one EVM transaction. Exports give no single
 * execution order across call traces and logs, so we use a fixed, documented one: the
 * transaction's own value first, then internal calls in trace (depth-first) order, then token
 * transfers in log order. Numbers are zero-padded so that string order is numeric order.
 */
export const transferPosition = {
  native(): string {
    return 'a'
  },
  /** `traceAddress` is the path of the call in the trace tree, e.g. [0, 2, 1]. */
  internal(traceAddress: readonly number[]): string {
    return `b${traceAddress.map((step) => pad(step, 5)).join('.')}`
  },
  token(logIndex: number): string {
    return `c${pad(logIndex, 6)}`
  },
}

function pad(value: number, width: number): string {
  return value.toString().padStart(width, '0')
}
