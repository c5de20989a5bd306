import type { ImportProgress } from '../ingest/index.js'

/** A one-line progress bar on a terminal stream, redrawn at most every 100 ms. */
export function createProgressBar(stream: NodeJS.WriteStream) {
  let lastDraw = 0
  const started = Date.now()
  return {
    update(progress: ImportProgress) {
      const now = Date.now()
      if (now - lastDraw < 100) return
      lastDraw = now
      const fraction =
        progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0
      const width = 30
      const filled = Math.round(fraction * width)
      const rate = Math.round(progress.rows / Math.max(0.001, (now - started) / 1000))
      const name = progress.file.length > 40 ? `…${progress.file.slice(-39)}` : progress.file
      stream.write(
        `\r${name} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${progress.rows.toLocaleString('en-US')} rows ${rate.toLocaleString('en-US')}/s`,
      )
    },
    done() {
      if (lastDraw > 0) stream.write('\r\x1b[K')
    },
  }
}
