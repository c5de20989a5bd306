import { Writable } from 'node:stream'
import { expect, test } from 'vitest'
import { runCli } from '../../cli/index.js'

/** `chainwatch ingest evm` in-process, its errors as the user sees them. */
async function run(args: readonly string[]) {
  let stdout = ''
  let stderr = ''
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk))
        done()
      },
    })
  const err = Object.assign(
    sink((t) => {
      stderr += t
    }),
    { isTTY: false },
  ) as unknown as NodeJS.WriteStream
  const code = await runCli(['--database', 'sqlite::memory:', ...args], {
    stdout: sink((t) => {
      stdout += t
    }),
    stderr: err,
    env: {},
  })
  return { code, stdout, stderr }
}

test('error: an unreachable node exits 3 with rpc.failed naming the method', async () => {
  // Port 9 (discard) has nothing listening on loopback.
  const result = await run([
    '--json',
    'ingest',
    'evm',
    '--rpc',
    'http://127.0.0.1:9',
    '--retries',
    '0',
  ])
  expect(result.code).toBe(3)
  const { error } = JSON.parse(result.stderr)
  expect(error).toMatchObject({
    code: 'rpc.failed',
    meta: { endpoint: 'http://127.0.0.1:9', method: 'eth_chainId', attempts: 1 },
  })
  expect(error.message).toMatch(/^eth_chainId failed: no usable response/)
})

test('error: a URL that is not http(s) exits 2 without showing its path', async () => {
  const result = await run(['ingest', 'evm', '--rpc', 'wss://node.example/v3/secret-key'])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('The RPC URL is not an http(s) URL.')
  expect(result.stderr).not.toContain('secret-key')
})

test('error: --batch must be a whole number', async () => {
  const result = await run(['ingest', 'evm', '--rpc', 'http://127.0.0.1:9', '--batch', 'ten'])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('--batch ten is not a whole number.')
})
