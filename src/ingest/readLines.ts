import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'

/** Longest line read (in characters); a longer one is skipped and reported, never buffered. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024

/** One line of text; `text` is null for a line longer than `MAX_LINE_CHARS`. */
export type TextLine = { readonly line: number; readonly text: string | null }

export type LineReader = {
  /** Lines in runs (one run per chunk read), so a million-line file costs few awaits. */
  readonly lines: AsyncIterable<readonly TextLine[]>
  bytesRead(): number
}

/**
 * Streams a text file line by line (LF or CRLF), numbering lines from 1. Faster than
 * node:readline for multi-million-line exports, and it keeps the byte position for progress.
 * Each chunk is scanned once, and a hostile giant line costs bounded memory.
 */
export function readLines(path: string): LineReader {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
  async function* lines(): AsyncGenerator<readonly TextLine[]> {
    const decoder = new StringDecoder('utf8')
    // The start of the line not yet ended, unless it grew too long and is being skipped.
    let pending = ''
    let skipping = false
    let line = 0
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer)
      const run: TextLine[] = []
      let start = 0
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        line++
        const full = skipping ? null : stripCr(pending + text.slice(start, end))
        run.push({ line, text: full !== null && full.length <= MAX_LINE_CHARS ? full : null })
        pending = ''
        skipping = false
        start = end + 1
      }
      if (!skipping) {
        pending += text.slice(start)
        if (pending.length > MAX_LINE_CHARS) {
          pending = ''
          skipping = true
        }
      }
      if (run.length > 0) yield run
    }
    pending += decoder.end()
    if (skipping) yield [{ line: line + 1, text: null }]
    else if (pending !== '') yield [{ line: line + 1, text: stripCr(pending) }]
  }
  return { lines: lines(), bytesRead: () => stream.bytesRead }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text
}
