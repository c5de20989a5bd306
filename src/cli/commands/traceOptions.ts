import { ChainwatchError } from '../../errors/index.js'
import { type Category, categories } from '../../screening/index.js'

/** Options `trace` and `trace-back` share, parsed with errors that name the option. */

export const collect = (value: string, previous: string[]) => [...previous, value]

/** A whole number option (`--hops`, blocks, seconds). */
export function wholeNumber(value: string, option: string): number {
  if (!/^\d{1,15}$/.test(value)) {
    throw new ChainwatchError('input.invalid', `${option} must be a whole number.`, {
      meta: { option, input: value },
    })
  }
  return Number(value)
}

/** An amount in base units (`--dust`). */
export function baseUnits(value: string, option: string): bigint {
  if (!/^\d{1,78}$/.test(value)) {
    throw new ChainwatchError('input.invalid', `${option} must be a whole amount in base units.`, {
      meta: { option, input: value },
    })
  }
  return BigInt(value)
}

/** A designation category (`--stop`). */
export function category(value: string): Category {
  const match = categories.find((c) => c === value)
  if (match === undefined) {
    throw new ChainwatchError('input.invalid', `"${value}" is not a category.`, {
      meta: { input: value, allowed: categories.join(', ') },
    })
  }
  return match
}

/** The stops, hop limit, dust and block window both directions take, from their options. */
export function traceLimits(options: {
  readonly dust: string
  readonly stop: readonly string[]
  readonly hops?: string | undefined
  readonly fromBlock?: string | undefined
  readonly toBlock?: string | undefined
}): {
  dust: bigint
  stopCategories?: Category[]
  maxHops?: number
  fromBlock?: number
  toBlock?: number
} {
  return {
    dust: baseUnits(options.dust, '--dust'),
    ...(options.stop.length > 0 ? { stopCategories: options.stop.map(category) } : {}),
    ...(options.hops === undefined ? {} : { maxHops: wholeNumber(options.hops, '--hops') }),
    ...(options.fromBlock === undefined
      ? {}
      : { fromBlock: wholeNumber(options.fromBlock, '--from-block') }),
    ...(options.toBlock === undefined
      ? {}
      : { toBlock: wholeNumber(options.toBlock, '--to-block') }),
  }
}
