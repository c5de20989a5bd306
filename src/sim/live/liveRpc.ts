import { z } from 'zod'
import { ChainwatchError } from '../../errors/index.js'

/** One JSON-RPC call of a batch. */
export type LiveRpcCall = { readonly method: string; readonly params: readonly unknown[] }

/** What one call of a batch answered: its result, or the node's error message. */
export type LiveRpcAnswer =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly code: number; readonly message: string }

/** A JSON-RPC client for the node `sim live` plays onto: single calls and ordered batches. */
export type LiveRpc = {
  readonly endpoint: string
  /** Calls `method`; throws `rpc.failed` on a JSON-RPC error, `rpc.malformed` on a bad result. */
  call<S extends z.ZodType>(
    method: string,
    params: readonly unknown[],
    schema: S,
  ): Promise<z.output<S>>
  /** Sends the calls as one HTTP batch; answers come back in call order. */
  batch(calls: readonly LiveRpcCall[]): Promise<readonly LiveRpcAnswer[]>
}

const answerSchema = z.object({
  id: z.number(),
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
})

/** A fresh JSON-RPC client over fetch (no retries: a sent transaction must not be re-sent). */
export function createLiveRpc(url: string): LiveRpc {
  let endpoint: string
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme')
    endpoint = `${parsed.protocol}//${parsed.host}`
  } catch {
    throw new ChainwatchError('input.invalid', `--rpc must be an http(s) URL, got "${url}".`)
  }
  let nextId = 1
  const post = async (body: unknown): Promise<unknown> => {
    let response: Response
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    } catch (cause) {
      throw new ChainwatchError('rpc.failed', `The node at ${endpoint} cannot be reached.`, {
        cause,
      })
    }
    if (!response.ok) {
      throw new ChainwatchError(
        'rpc.failed',
        `The node at ${endpoint} answered HTTP ${response.status}.`,
      )
    }
    return response.json()
  }
  const batch = async (calls: readonly LiveRpcCall[]): Promise<readonly LiveRpcAnswer[]> => {
    if (calls.length === 0) return []
    const first = nextId
    nextId += calls.length
    const body = calls.map((c, i) => ({
      jsonrpc: '2.0',
      id: first + i,
      method: c.method,
      params: c.params,
    }))
    const parsed = z.array(answerSchema).safeParse(await post(body))
    if (!parsed.success || parsed.data.length !== calls.length) {
      throw new ChainwatchError('rpc.malformed', `The node at ${endpoint} answered a batch badly.`)
    }
    const byId = new Map(parsed.data.map((a) => [a.id, a]))
    return calls.map((c, i): LiveRpcAnswer => {
      const answer = byId.get(first + i)
      if (answer === undefined) {
        throw new ChainwatchError('rpc.malformed', `No answer to ${c.method} from ${endpoint}.`)
      }
      return answer.error === undefined
        ? { ok: true, result: answer.result }
        : { ok: false, code: answer.error.code, message: answer.error.message }
    })
  }
  return {
    endpoint,
    batch,
    async call(method, params, schema) {
      const [answer] = await batch([{ method, params }])
      if (answer === undefined || !answer.ok) {
        throw new ChainwatchError(
          'rpc.failed',
          `${method} failed at ${endpoint}: ${answer?.ok === false ? answer.message : 'no answer'}`,
          { meta: { method } },
        )
      }
      const result = schema.safeParse(answer.result)
      if (!result.success) {
        throw new ChainwatchError('rpc.malformed', `${method} answered an unexpected result.`, {
          meta: { method },
        })
      }
      return result.data
    },
  }
}

export const hexQuantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]+$/)
  .transform((s) => BigInt(s))
export const hexData = z.string().regex(/^0x[0-9a-fA-F]*$/)
