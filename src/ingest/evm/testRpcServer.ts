import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

/**
 * A tiny JSON-RPC server on a free loopback port, for tests: each call (single or in a batch) is
 * answered by `answer`; an answer may also fail the whole HTTP request (status, headers, body).
 */
export type RpcAnswer =
  | { readonly result: unknown }
  | { readonly error: { readonly code: number; readonly message: string } }
  | {
      readonly http: number
      readonly body?: string
      readonly headers?: Readonly<Record<string, string>>
    }
  | { readonly hang: true }

export type RpcCallSeen = {
  readonly method: string
  readonly params: readonly unknown[]
  /** The request's Authorization header, when it has one. */
  readonly authorization?: string
}

export type TestRpcServer = {
  readonly url: string
  /** Calls answered, in order. */
  readonly calls: RpcCallSeen[]
  /** HTTP requests received (a batch is one). */
  httpRequests(): number
  close(): Promise<void>
}

export async function startTestRpcServer(
  answer: (call: RpcCallSeen) => RpcAnswer,
): Promise<TestRpcServer> {
  const calls: RpcCallSeen[] = []
  let httpRequests = 0
  const server = createServer(async (request, response) => {
    httpRequests++
    const body = JSON.parse(await readBody(request)) as unknown
    const batch = Array.isArray(body)
    const items = (batch ? body : [body]) as {
      id: number
      method: string
      params?: unknown[]
    }[]
    const replies: unknown[] = []
    for (const item of items) {
      const { authorization } = request.headers
      const call = {
        method: item.method,
        params: item.params ?? [],
        ...(authorization === undefined ? {} : { authorization }),
      }
      calls.push(call)
      const reply = answer(call)
      if ('hang' in reply) return // never answered: the client times out
      if ('http' in reply) {
        response.writeHead(reply.http, { 'content-type': 'text/plain', ...reply.headers })
        response.end(reply.body ?? '')
        return
      }
      replies.push({ jsonrpc: '2.0', id: item.id, ...reply })
    }
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(batch ? replies : replies[0]))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    httpRequests: () => httpRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Answers from ethereum-etl's recorded responses (`web3_response.<method>_<params>.json` files in
 * `directories`, named as ethereum-etl's MockWeb3Provider names them), then from `fixed` (by
 * method); anything else is "method not found", as a node that does not offer it says.
 */
export function replayRecorded(
  directories: readonly string[],
  fixed: Readonly<Record<string, unknown>> = {},
): (call: RpcCallSeen) => RpcAnswer {
  const recorded = new Map<string, unknown>()
  for (const directory of directories) {
    for (const name of readdirSync(directory)) {
      const match = /^web3_response\.(.+)\.json$/.exec(name)
      if (match?.[1] === undefined) continue
      const text = readFileSync(join(directory, name), 'utf8')
      recorded.set(match[1], (JSON.parse(text) as { result: unknown }).result)
    }
  }
  return (call) => {
    const key = [call.method, ...call.params.map(paramKey)].join('_')
    if (recorded.has(key)) return { result: recorded.get(key) }
    if (Object.hasOwn(fixed, call.method)) return { result: fixed[call.method] }
    return {
      error: { code: -32601, message: `the method ${call.method} does not exist/is not available` },
    }
  }
}

function paramKey(param: unknown): string {
  if (param !== null && typeof param === 'object') {
    return Object.entries(param)
      .map(([key, value]) => `${key}_${String(value).toLowerCase()}`)
      .join('_')
  }
  return String(param)
}
