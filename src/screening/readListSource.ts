import { readFile } from 'node:fs/promises'
import { ChainwatchError } from '../errors/index.js'

/** Largest list file accepted (OFAC's SDN_ADVANCED.XML is about 120 MB). */
export const MAX_LIST_BYTES = 512 * 1024 * 1024
const DOWNLOAD_TIMEOUT_MS = 120_000

export type ListSource = { readonly from: string; readonly bytes: Uint8Array }

/**
 * Reads a list from a file path or downloads it from an http(s) URL, completely, before anything
 * is parsed or stored: a broken download fails here (`list.unavailable`) and never reaches the
 * active lists. Returns null for a missing optional companion (404 / no such file).
 */
export async function readListSource(from: string): Promise<ListSource> {
  const source = await read(from, false)
  if (source === null)
    throw new ChainwatchError('list.unavailable', `List ${from} is missing.`, { meta: { from } })
  return source
}

/** Like `readListSource`, but a missing file (ENOENT, HTTP 404) is null rather than an error. */
export function readOptionalListSource(from: string): Promise<ListSource | null> {
  return read(from, true)
}

async function read(from: string, optional: boolean): Promise<ListSource | null> {
  if (/^https?:\/\//i.test(from)) return download(from, optional)
  try {
    const bytes = await readFile(from)
    if (bytes.byteLength > MAX_LIST_BYTES) throw tooLarge(from, bytes.byteLength)
    return { from, bytes }
  } catch (cause) {
    if (cause instanceof ChainwatchError) throw cause
    if (optional && isMissing(cause)) return null
    throw new ChainwatchError('list.unavailable', `Cannot read list file ${from}.`, {
      meta: { from },
      cause,
    })
  }
}

async function download(url: string, optional: boolean): Promise<ListSource | null> {
  const shown = redact(url)
  let response: Response
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      redirect: 'follow',
    })
  } catch (cause) {
    throw new ChainwatchError('list.unavailable', `Download of ${shown} failed.`, {
      meta: { from: shown },
      cause,
    })
  }
  if (optional && response.status === 404) return null
  if (!response.ok || response.body === null) {
    throw new ChainwatchError(
      'list.unavailable',
      `Download of ${shown} failed with HTTP ${response.status}.`,
      {
        meta: { from: shown, status: response.status },
      },
    )
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_LIST_BYTES) throw tooLarge(shown, declared)
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength
      if (total > MAX_LIST_BYTES) throw tooLarge(shown, total)
      chunks.push(chunk)
    }
  } catch (cause) {
    if (cause instanceof ChainwatchError) throw cause
    throw new ChainwatchError(
      'list.unavailable',
      `Download of ${shown} broke off after ${total} bytes.`,
      {
        meta: { from: shown, bytes: total },
        cause,
      },
    )
  }
  if (declared > 0 && total !== declared) {
    throw new ChainwatchError(
      'list.unavailable',
      `Download of ${shown} is incomplete (${total} of ${declared} bytes).`,
      {
        meta: { from: shown, bytes: total, expected: declared },
      },
    )
  }
  return { from: shown, bytes: Buffer.concat(chunks) }
}

function tooLarge(from: string, bytes: number): ChainwatchError {
  return new ChainwatchError(
    'input.too_large',
    `List ${from} is larger than ${MAX_LIST_BYTES} bytes.`,
    {
      meta: { from, bytes },
    },
  )
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
}

/** Credentials in a URL never reach a message or the stored provenance. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '' || parsed.username !== '') {
      parsed.username = '***'
      parsed.password = ''
    }
    return parsed.toString()
  } catch {
    return url
  }
}
