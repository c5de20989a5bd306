import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

export type LineWriter = {
  /** Queues one line (no newline). */
  line(text: string): void
  /** Writes the queued lines once they pass ~1 MiB, waiting for the disk: bounds memory. */
  maybeFlush(): Promise<void>
  close(): Promise<void>
  readonly lines: () => number
}

const FLUSH_AT = 1 << 20

/** A buffered JSON-lines file writer that respects stream backpressure. */
export function openLineWriter(path: string): LineWriter {
  const stream = createWriteStream(path)
  // String concatenation builds ropes cheaply in V8; one write per ~1 MiB.
  let buffer = ''
  let count = 0
  const flush = async () => {
    if (buffer.length === 0) return
    const chunk = buffer
    buffer = ''
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  return {
    line(text) {
      buffer += `${text}\n`
      count++
    },
    async maybeFlush() {
      if (buffer.length >= FLUSH_AT) await flush()
    },
    async close() {
      await flush()
      stream.end()
      await once(stream, 'finish')
    },
    lines: () => count,
  }
}
