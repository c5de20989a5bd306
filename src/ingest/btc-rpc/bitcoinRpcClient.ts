import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { ChainwatchError } from '../../errors/index.js'
import { sleep as realSleep, type Sleep } from '../evm/limits.js'
import { redactUrl } from '../evm/rpcClient.js'
import { parseBitcoinJson } from './bitcoinJson.js'

export type BitcoinRpcOptions = {
  /** `http://user:password@host:8332`; the credentials go into a Basic auth header, never a message. */
  readonly url: string
  /** Bitcoin Core's `.cookie` file (`__cookie__:<secret>`), used when the URL has no user. */
  readonly cookieFile?: string
  /** Per HTTP request (default 60 s). */
  readonly timeoutMs?: number
  /** Retries on timeouts, 429, 5xx, "work queue depth exceeded", warm-up (default 5). */
  readonly retries?: number
  /** First backoff delay, doubled per retry up to 10 s (default 250 ms). */
  readonly retryDelayMs?: number
  readonly sleep?: Sleep
}

/** One JSON-RPC call; `height` names the block it is for, in errors. */
export type BitcoinRpcCall = {
  readonly method: string
  readonly params: readonly unknown[]
  readonly height?: number
}

export type BitcoinRpcClient = {
  /** The URL without credentials, path or query, for messages. */
  readonly endpoint: string
  /**
   * Sends the calls as one JSON-RPC batch and validates each result with `schema`. Throws
   * `rpc.failed` (unreachable, retries exhausted, an error answer) or `rpc.malformed`.
   */
  batch<S extends z.ZodType>(calls: readonly BitcoinRpcCall[], schema: S): Promise<z.output<S>[]>
  call<S extends z.ZodType>(call: BitcoinRpcCall, schema: S): Promise<z.output<S>>
  stats(): { readonly requests: number; readonly retries: number }
}

const MAX_RETRY_DELAY_MS = 10_000
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])
/** RPC_IN_WARMUP: the node is still loading its block index. */
const RETRYABLE_CODES = new Set([-28])

type Reply = { readonly id: unknown; readonly result?: unknown; readonly error?: unknown }

/** A Bitcoin Core JSON-RPC client: batches, Basic auth, timeouts, retries with backoff. */
export async function createBitcoinRpcClient(
  options: BitcoinRpcOptions,
): Promise<BitcoinRpcClient> {
  const { timeoutMs = 60_000, retries = 5, retryDelayMs = 250, sleep = realSleep } = options
  if (!/^https?:\/\/[^/]/i.test(options.url) || !URL.canParse(options.url)) {
    throw new ChainwatchError('input.invalid', 'The RPC URL is not an http(s) URL.', {
      meta: { rpc: redactUrl(options.url) },
    })
  }
  const url = new URL(options.url)
  const endpoint = redactUrl(options.url)
  let credentials: string | null = null
  if (url.username !== '') {
    credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  } else if (options.cookieFile !== undefined) {
    credentials = await readCookie(options.cookieFile)
  }
  // fetch refuses URLs with credentials; they travel in the header only.
  url.username = ''
  url.password = ''
  const target = url.toString()
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (credentials !== null) {
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`
  }
  let requests = 0
  let retried = 0
  let nextId = 1

  async function send(calls: readonly BitcoinRpcCall[]): Promise<unknown[]> {
    const where = describe(calls)
    for (let attempt = 0; ; attempt++) {
      requests++
      const firstId = nextId
      nextId += calls.length
      const body = JSON.stringify(
        calls.map((call, i) => ({
          jsonrpc: '1.0',
          id: firstId + i,
          method: call.method,
          params: call.params,
        })),
      )
      const outcome = await sendOnce(body, calls, firstId)
      if ('results' in outcome) return outcome.results
      if (!outcome.retryable || attempt >= retries) {
        throw new ChainwatchError(outcome.code, `${where} failed: ${outcome.reason}`, {
          meta: {
            endpoint,
            method: calls[0]?.method ?? '',
            ...heightsOf(calls),
            ...(outcome.status === undefined ? {} : { status: outcome.status }),
            ...(outcome.rpcCode === undefined ? {} : { code: outcome.rpcCode }),
            attempts: attempt + 1,
          },
        })
      }
      retried++
      await sleep(Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** attempt))
    }
  }

  type Outcome =
    | { readonly results: unknown[] }
    | {
        readonly retryable: boolean
        readonly reason: string
        readonly code: 'rpc.failed' | 'rpc.malformed'
        readonly status?: number
        readonly rpcCode?: number
      }

  async function sendOnce(
    body: string,
    calls: readonly BitcoinRpcCall[],
    firstId: number,
  ): Promise<Outcome> {
    let response: Response
    let text: string
    try {
      response = await fetch(target, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      const reason = timedOut
        ? `the request timed out after ${timeoutMs} ms`
        : `no response (${error instanceof Error ? error.message : String(error)})`
      return { retryable: true, reason, code: 'rpc.failed' }
    }
    if (response.status === 401 || response.status === 403) {
      return {
        retryable: false,
        reason: `HTTP ${response.status}: the node refused the credentials (check the URL's user:password or --rpc-cookie)`,
        code: 'rpc.failed',
        status: response.status,
      }
    }
    if (!response.ok) {
      // Bitcoin Core answers 503 "Work queue depth exceeded" when its RPC threads are busy.
      return {
        retryable: RETRYABLE_STATUS.has(response.status),
        reason: `HTTP ${response.status}${text === '' ? '' : ` (${text.slice(0, 200).trim()})`}`,
        code: 'rpc.failed',
        status: response.status,
      }
    }
    let parsed: unknown
    try {
      parsed = parseBitcoinJson(text)
    } catch {
      // A cut-off body: the connection dropped mid-response; asking again usually helps.
      return { retryable: true, reason: 'the response is not valid JSON', code: 'rpc.malformed' }
    }
    if (!Array.isArray(parsed)) {
      return {
        retryable: false,
        reason: 'the response is not a JSON-RPC batch',
        code: 'rpc.malformed',
      }
    }
    const byId = new Map<unknown, Reply>()
    for (const reply of parsed as Reply[]) {
      if (typeof reply === 'object' && reply !== null) byId.set(reply.id, reply)
    }
    const results: unknown[] = []
    for (const [i, call] of calls.entries()) {
      const reply = byId.get(firstId + i)
      if (reply === undefined) {
        return {
          retryable: false,
          reason: `no answer to ${describe([call])}`,
          code: 'rpc.malformed',
        }
      }
      if (reply.error !== undefined && reply.error !== null) {
        const { code, message } = rpcError(reply.error)
        return {
          retryable: code !== undefined && RETRYABLE_CODES.has(code),
          reason: `${calls.length === 1 ? '' : `${describe([call])}: `}error ${code ?? '?'}: ${message}`,
          code: 'rpc.failed',
          ...(code === undefined ? {} : { rpcCode: code }),
        }
      }
      results.push(reply.result)
    }
    return { results }
  }

  async function batch<S extends z.ZodType>(
    calls: readonly BitcoinRpcCall[],
    schema: S,
  ): Promise<z.output<S>[]> {
    if (calls.length === 0) return []
    const results = await send(calls)
    return calls.map((call, i) => {
      const parsed = schema.safeParse(results[i])
      if (parsed.success) return parsed.data
      const issues = parsed.error.issues.slice(0, 5).map((issue) => {
        const path = issue.path.map(String).join('.')
        return path === '' ? issue.message : `${path}: ${issue.message}`
      })
      throw new ChainwatchError(
        'rpc.malformed',
        `${describe([call])} returned an unexpected result: ${issues.join('; ')}.`,
        {
          meta: { endpoint, method: call.method, ...heightsOf([call]), issues },
          cause: parsed.error,
        },
      )
    })
  }

  return {
    endpoint,
    batch,
    call: async (call, schema) => (await batch([call], schema))[0] as z.output<typeof schema>,
    stats: () => ({ requests, retries: retried }),
  }
}

async function readCookie(path: string): Promise<string> {
  try {
    const text = (await readFile(path, 'utf8')).trim()
    if (!text.includes(':')) throw new Error('not user:password')
    return text
  } catch (error) {
    throw new ChainwatchError('input.invalid', `The RPC cookie file ${path} cannot be read.`, {
      meta: { path },
      details: error instanceof Error ? error.message : String(error),
    })
  }
}

function rpcError(error: unknown): { code: number | undefined; message: string } {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown }
    return {
      code: typeof code === 'number' ? code : undefined,
      message: typeof message === 'string' ? message : JSON.stringify(error),
    }
  }
  return { code: undefined, message: String(error) }
}

function describe(calls: readonly BitcoinRpcCall[]): string {
  const [first] = calls
  if (first === undefined) return 'an empty batch'
  const heights = calls.flatMap((call) => (call.height === undefined ? [] : [call.height]))
  const what = calls.length === 1 ? first.method : `${first.method} ×${calls.length}`
  if (heights.length === 0) return what
  const low = Math.min(...heights)
  const high = Math.max(...heights)
  return `${what} for block ${low === high ? low : `${low}–${high}`}`
}

function heightsOf(calls: readonly BitcoinRpcCall[]): { height?: number; heights?: string } {
  const heights = calls.flatMap((call) => (call.height === undefined ? [] : [call.height]))
  if (heights.length === 0) return {}
  if (heights.length === 1) return { height: heights[0] as number }
  return { heights: `${Math.min(...heights)}–${Math.max(...heights)}` }
}
