import { z } from 'zod'
import type { MonitorEvent } from '../model.js'

/** A base-unit amount written as a decimal string in a rule file. */
export const amountParameter = z
  .string()
  .regex(/^[0-9]+$/, 'must be a decimal string of base units')
  .transform((value) => BigInt(value))

/** Per-asset amounts keyed `chain:asset` (`bitcoin:native`, `ethereum:0xdac1…`). */
export const amountsByAsset = z.record(z.string(), amountParameter)

export const assetKey = (event: Pick<MonitorEvent, 'chain' | 'asset'>) =>
  `${event.chain}:${event.asset}`

export const sum = (events: readonly Pick<MonitorEvent, 'amount'>[]) =>
  events.reduce((total, e) => total + e.amount, 0n)

/** Events of the same chain and asset as `event` (amounts only add up within one asset). */
export const sameAsset = (events: readonly MonitorEvent[], event: MonitorEvent) =>
  events.filter((e) => e.chain === event.chain && e.asset === event.asset)

export const withinSeconds = (events: readonly MonitorEvent[], time: number, seconds: number) =>
  events.filter((e) => e.time >= time - seconds && e.time <= time)

export const directions = z.array(z.enum(['deposit', 'withdrawal'])).min(1)
