import { z } from 'zod'
import { ChainwatchError } from '../../errors/index.js'
import type { NodeMethods } from './fetchBlock.js'

const count = z.number().int().positive()

export function positive(value: number, what: string): number {
  if (!count.safeParse(value).success) {
    throw new ChainwatchError('input.invalid', `The ${what} ${value} is not a positive integer.`, {
      meta: { [what]: value },
    })
  }
  return value
}

export function nonNegative(value: number, what: string): number {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new ChainwatchError('input.invalid', `The ${what} ${value} is not a whole number.`, {
      meta: { [what]: value },
    })
  }
  return value
}

export function rate(value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new ChainwatchError('input.invalid', `The rate ${value} is not a positive number.`, {
      meta: { rate: value },
    })
  }
  return value
}

export function block(value: number, what: string): number {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new ChainwatchError('input.invalid', `The ${what} ${value} is not a block number.`, {
      meta: { [what]: value },
    })
  }
  return value
}

export function describeMethods(methods: NodeMethods): string {
  const receipts =
    methods.receipts === 'eth_getBlockReceipts'
      ? 'receipts: eth_getBlockReceipts'
      : 'receipts: eth_getTransactionReceipt per transaction (the node has no eth_getBlockReceipts)'
  const traces =
    methods.traces === 'debug_traceBlockByNumber'
      ? 'internal transfers: debug_traceBlockByNumber (callTracer)'
      : methods.traces === 'trace_block'
        ? 'internal transfers: trace_block'
        : 'warning: no trace method (debug_traceBlockByNumber or trace_block) is used: internal transfers (value moved by contracts) are missing'
  return `${receipts}; ${traces}`
}

/** Waits `ms`, or less when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done()
    const timer = setTimeout(finish, ms)
    function finish() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', finish)
      done()
    }
    signal?.addEventListener('abort', finish, { once: true })
  })
}
