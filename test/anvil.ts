import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import solc from 'solc'
import { z } from 'zod'
import { repoRoot } from './harness.js'

/** A local anvil node for one test file, on a free loopback port. */
export type Anvil = { readonly url: string; stop(): Promise<void> }

/**
 * Starts `node_modules/.bin/anvil --silent` on a free loopback port with the given options and
 * waits until it answers JSON-RPC. Stop it with `stop()` (SIGTERM to the process we started).
 */
export async function startAnvil(args: readonly string[] = []): Promise<Anvil> {
  const port = await freePort()
  const child = spawn(
    resolve(repoRoot, 'node_modules/.bin/anvil'),
    ['--silent', '--host', '127.0.0.1', '--port', String(port), ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr}`)
    if (await answers(url)) break
    if (attempt > 200) {
      await stop(child, exited)
      throw new Error(`anvil did not answer on ${url}: ${stderr}`)
    }
    await new Promise((done) => setTimeout(done, 50))
  }
  return { url, stop: () => stop(child, exited) }
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null) child.kill('SIGTERM')
  await exited
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    })
    return response.ok
  } catch {
    return false
  }
}

/** A port the OS says is free now (the small race until anvil binds it is acceptable in tests). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => done(port))
    })
  })
}

/** A compiled contract: its ABI and creation bytecode. */
export type Artifact = { readonly abi: readonly unknown[]; readonly bytecode: `0x${string}` }

const solcOutput = z.object({
  errors: z.array(z.object({ severity: z.string(), formattedMessage: z.string() })).optional(),
  contracts: z
    .record(
      z.string(),
      z.record(
        z.string(),
        z.object({
          abi: z.array(z.unknown()),
          evm: z.object({ bytecode: z.object({ object: z.string() }) }),
        }),
      ),
    )
    .optional(),
})

/** Compiles every `test/contracts/*.sol` with solc-js (nothing is cached in the repository). */
export function compileTestContracts(): Record<string, Artifact> {
  const directory = resolve(repoRoot, 'test/contracts')
  const sources: Record<string, { content: string }> = {}
  for (const name of readdirSync(directory).filter((f) => f.endsWith('.sol'))) {
    sources[name] = { content: readFileSync(join(directory, name), 'utf8') }
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  }
  const compile = solc.compile as (input: string) => string
  const output = solcOutput.parse(JSON.parse(compile(JSON.stringify(input))))
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const artifacts: Record<string, Artifact> = {}
  for (const file of Object.values(output.contracts ?? {})) {
    for (const [name, contract] of Object.entries(file)) {
      artifacts[name] = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` }
    }
  }
  return artifacts
}
