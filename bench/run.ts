/** `npm run bench -- NAME`: runs bench/NAME.ts, which prints its figures. */
import { readdirSync } from 'node:fs'

const available = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3))
const name = process.argv[2]
if (name === undefined || !available.includes(name)) {
  console.log(`usage: npm run bench -- NAME [args]\nbenchmarks: ${available.join(', ')}`)
  process.exitCode = name === undefined ? 0 : 2
} else {
  await import(`./${name}.ts`)
}
