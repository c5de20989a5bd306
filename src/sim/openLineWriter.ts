import { closeSync, openSync, writeSync } from 'node:fs'

export type LineWriter = {
  /** Appends one line (no newline); ASCII only, as every generated row is. */
  line(text: string): void
  close(): void
  readonly lines: () => number
}

const BUFFER_BYTES = 4 << 20

/**
 * A JSON-lines file writer that encodes straight into one 4 MiB buffer and writes it when full:
 * memory stays bounded, and no large strings are built (string ropes cost more to flatten and
 * collect than the rows cost to format). Synchronous, for generator threads.
 */
export function openLineWriter(path: string): LineWriter {
  const fd = openSync(path, 'w')
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  let used = 0
  let count = 0
  const flush = () => {
    let written = 0
    while (written < used) written += writeSync(fd, buffer, written, used - written)
    used = 0
  }
  return {
    line(text) {
      count++
      if (used + text.length + 1 > BUFFER_BYTES) {
        flush()
        if (text.length + 1 > BUFFER_BYTES) {
          writeSync(fd, `${text}\n`, null, 'latin1')
          return
        }
      }
      used += buffer.write(text, used, 'latin1')
      buffer[used++] = 0x0a
    },
    close() {
      flush()
      closeSync(fd)
    },
    lines: () => count,
  }
}
