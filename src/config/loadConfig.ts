import { z } from 'zod'
import { fromZodError } from '../errors/index.js'

export const DEFAULT_DATABASE_URL = 'sqlite:./data/chainwatch.db'

const configSchema = z.object({
  CHAINWATCH_DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine(
      (url) => /^(sqlite:|postgres(ql)?:\/\/)/.test(url),
      'must start with sqlite: or postgres://',
    )
    .default(DEFAULT_DATABASE_URL),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
})

/** Runtime configuration, read from the environment. */
export type Config = {
  /** `sqlite:PATH` or `postgres://…`. */
  readonly databaseUrl: string
  readonly port: number
  readonly host: string
}

/**
 * Reads and validates the configuration from environment variables; throws `input.invalid`
 * naming every bad variable.
 *
 * @example
 * loadConfig({ CHAINWATCH_DATABASE_URL: 'sqlite:/tmp/cw.db' }) // { databaseUrl: 'sqlite:/tmp/cw.db', port: 8080, … }
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = configSchema.safeParse(present)
  if (!parsed.success) throw fromZodError(parsed.error, 'Configuration', { code: 'config.invalid' })
  return {
    databaseUrl: parsed.data.CHAINWATCH_DATABASE_URL,
    port: parsed.data.PORT,
    host: parsed.data.HOST,
  }
}
