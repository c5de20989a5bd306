import {
  BaseError,
  createClient,
  HttpRequestError,
  http,
  ResponseBodyTooLargeError,
  RpcRequestError,
  TimeoutError,
} from 'viem'
import type { z } from 'zod'
import { ChainwatchError } from '../../errors/index.js'
import { createRateLimiter, sleep as realSleep, type Sleep } from './limits.js'

export type RpcClientOptions = {
  readonly url: string
  /** Per HTTP request (default 60 s: tracing a busy block takes a while). */
  readonly timeoutMs?: number
  /** Retries of a failed call on timeouts, 429, 5xx and network errors (default 5). */
  readonly retries?: number
  /** First backoff delay, doubled per retry up to 10 s (default 250 ms); Retry-After wins. */
  readonly retryDelayMs?: number
  /** JSON-RPC calls per second, at most (default: no limit). */
  readonly rate?: number
  /** JSON-RPC calls per HTTP request: calls made together are batched (default 50). */
  readonly batchSize?: number
  readonly sleep?: Sleep
}

/** One JSON-RPC call; `block` names the block it is for, in errors. */
export type RpcCall = {
  readonly method: string
  readonly params: readonly unknown[]
  readonly block?: number
}

export type RpcClient = {
  /** The URL without path, query or credentials (API keys live there), for messages. */
  readonly endpoint: string
  /**
   * Calls `method` and validates the result with `schema`. Throws `rpc.failed` (unreachable,
   * retries exhausted, or a JSON-RPC error) or `rpc.malformed` (unexpected result).
   */
  request<S extends z.ZodType>(call: RpcCall, schema: S): Promise<z.output<S>>
  /** Calls made and retries so far. */
  stats(): { readonly requests: number; readonly retries: number }
}

const MAX_RETRY_DELAY_MS = 10_000
/** JSON-RPC codes that mean "slow down": limit exceeded, QuickNode's limit, Alchemy's 429. */
const RETRYABLE_CODES = new Set([-32005, -32007, 429])
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])

/**
 * A JSON-RPC client over viem's HTTP transport (calls issued together go out as one batch),
 * with our own retries, backoff and rate limit so failures name the method and block.
 */
export function createRpcClient(options: RpcClientOptions): RpcClient {
  const {
    url,
    timeoutMs = 60_000,
    retries = 5,
    retryDelayMs = 250,
    rate,
    batchSize = 50,
    sleep = realSleep,
  } = options
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url)) {
    throw new ChainwatchError('input.invalid', 'The RPC URL is not an http(s) URL.', {
      meta: { rpc: redactUrl(url) },
    })
  }
  const endpoint = redactUrl(url)
  const client = createClient({
    transport: http(url, {
      batch: { batchSize },
      retryCount: 0,
      timeout: timeoutMs,
      // Traces of a busy block run to tens of megabytes.
      maxResponseBodySize: 1024 * 1024 * 1024,
    }),
  })
  const limiter = rate === undefined ? null : createRateLimiter(rate, { now, sleep })
  let requests = 0
  let retried = 0

  async function request<S extends z.ZodType>(call: RpcCall, schema: S): Promise<z.output<S>> {
    const where = describeCall(call)
    let result: unknown
    for (let attempt = 0; ; attempt++) {
      await limiter?.acquire()
      requests++
      try {
        // The transport speaks any method; viem's typed request map does not know trace_*.
        result = await client.request({ method: call.method, params: call.params } as never)
        break
      } catch (error) {
        const failure = classify(error)
        if (!failure.retryable || attempt >= retries) {
          throw new ChainwatchError('rpc.failed', `${where} failed: ${failure.reason}`, {
            meta: {
              endpoint,
              method: call.method,
              ...(call.block === undefined ? {} : { block: call.block }),
              ...(failure.status === undefined ? {} : { status: failure.status }),
              ...(failure.code === undefined ? {} : { code: failure.code }),
              attempts: attempt + 1,
            },
            cause: error,
          })
        }
        retried++
        await sleep(
          failure.retryAfterMs ?? Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** attempt),
        )
      }
    }
    const parsed = schema.safeParse(result)
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((issue) => {
        const path = issue.path.map(String).join('.')
        return path === '' ? issue.message : `${path}: ${issue.message}`
      })
      throw new ChainwatchError('rpc.malformed', `${where} returned an unexpected result.`, {
        meta: {
          endpoint,
          method: call.method,
          ...(call.block === undefined ? {} : { block: call.block }),
          issues,
        },
        details: `${parsed.error.issues.length} problem(s)`,
        cause: parsed.error,
      })
    }
    return parsed.data
  }

  return { endpoint, request, stats: () => ({ requests, retries: retried }) }
}

function describeCall(call: RpcCall): string {
  return call.block === undefined ? call.method : `${call.method} for block ${call.block}`
}

type Failure = {
  readonly retryable: boolean
  readonly reason: string
  readonly status?: number
  readonly code?: number
  readonly retryAfterMs?: number
}

/** What went wrong with a call, and whether trying again may help. */
function classify(error: unknown): Failure {
  if (!(error instanceof BaseError)) {
    return { retryable: false, reason: error instanceof Error ? error.message : String(error) }
  }
  if (error.walk((e) => e instanceof ResponseBodyTooLargeError)) {
    return { retryable: false, reason: 'the response is larger than 1 GiB' }
  }
  if (error.walk((e) => e instanceof TimeoutError)) {
    return { retryable: true, reason: 'the request timed out' }
  }
  const code = 'code' in error && typeof error.code === 'number' ? error.code : undefined
  const carrier = error.walk((e) => e instanceof HttpRequestError || e instanceof RpcRequestError)
  const response =
    carrier instanceof HttpRequestError || carrier instanceof RpcRequestError ? carrier : undefined
  const status = response?.status
  const retryAfterMs = retryAfter(response?.headers)
  const extra = {
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  }
  const rpcMessage = carrier instanceof RpcRequestError ? carrier.details : error.shortMessage
  if (code !== undefined && code !== -1 && !(response instanceof HttpRequestError)) {
    const retryable =
      RETRYABLE_CODES.has(code) || (status !== undefined && RETRYABLE_STATUS.has(status))
    return { retryable, reason: `error ${code}: ${rpcMessage}`, code, ...extra }
  }
  if (status !== undefined) {
    return {
      retryable: RETRYABLE_STATUS.has(status),
      reason: `HTTP ${status}${response?.details ? ` (${unquote(response.details).slice(0, 200)})` : ''}`,
      ...extra,
    }
  }
  // No response at all: connection refused or reset, DNS, a body that is not JSON.
  const cause = error.walk()
  const detail = cause instanceof Error ? cause.message : error.shortMessage
  return { retryable: true, reason: `no usable response (${detail})` }
}

/** viem writes a plain-text error body as a JSON string. */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'string' ? value : text
  } catch {
    return text
  }
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('Retry-After')
  if (value === null || value === undefined) return undefined
  const seconds = Number.parseInt(value, 10)
  if (!Number.isNaN(seconds)) return Math.min(seconds * 1000, 60_000)
  const at = Date.parse(value) - Date.now()
  return at > 0 ? Math.min(at, 60_000) : undefined
}

/** `https://host:port/…`: the path and query often hold an API key. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const hidden = parsed.pathname.length > 1 || parsed.search !== ''
    return `${parsed.protocol}//${parsed.host}${hidden ? '/…' : ''}`
  } catch {
    return '(invalid URL)'
  }
}

function now(): number {
  return performance.now()
}
