/** Waits `ms` milliseconds; injectable so tests of retries and rate limits need not wait. */
export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` over `items` with at most `concurrency` calls in flight; results keep the items'
 * order. The first failure rejects the whole map (the calls already started still finish).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        results[index] = await work(items[index] as T, index)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker)
  await Promise.all(workers)
  return results
}

/** Hands out permits at `perSecond`, with bursts of up to one second's worth. */
export type RateLimiter = { acquire(): Promise<void> }

/**
 * A token bucket: `perSecond` permits a second, at most `perSecond` saved up (so a JSON-RPC batch
 * issued in one go still goes out as one HTTP request when the budget allows).
 */
export function createRateLimiter(
  perSecond: number,
  clock: { now(): number; sleep: Sleep } = { now: () => performance.now(), sleep },
): RateLimiter {
  const capacity = Math.max(1, perSecond)
  let tokens = capacity
  let updated = clock.now()
  // Waiters are served in arrival order, one reservation at a time.
  let queue: Promise<void> = Promise.resolve()
  const take = async () => {
    for (;;) {
      const now = clock.now()
      tokens = Math.min(capacity, tokens + ((now - updated) * perSecond) / 1000)
      updated = now
      if (tokens >= 1) {
        tokens -= 1
        return
      }
      await clock.sleep(Math.ceil(((1 - tokens) * 1000) / perSecond))
    }
  }
  return {
    acquire() {
      const turn = queue.then(take)
      queue = turn
      return turn
    },
  }
}
