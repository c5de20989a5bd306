import type { Designation } from '../store/index.js'
import type { CappedHub, Exposure } from './findExposure.js'
import type { ScreeningResult } from './screenAddresses.js'

type DesignationJson = Omit<Designation, 'programmes'> & { programmes: string[] }
type ExposureJson = Omit<Exposure, 'amount' | 'path'> & { amount: string; path: string[] }

/** A screening result as JSON carries it: amounts as decimal strings, plain arrays. */
export type ScreeningResultJson =
  | Extract<ScreeningResult, { readonly error: unknown }>
  | (Omit<
      Extract<ScreeningResult, { readonly risk: unknown }>,
      'direct' | 'exposures' | 'capped'
    > & {
      direct: DesignationJson[]
      exposures: ExposureJson[]
      capped: CappedHub[]
    })

/** Converts results for JSON output (`--json`, HTTP): bigint amounts become decimal strings. */
export function toJsonResults(results: readonly ScreeningResult[]): ScreeningResultJson[] {
  return results.map((r) =>
    'error' in r
      ? r
      : {
          ...r,
          direct: r.direct.map((d) => ({ ...d, programmes: [...d.programmes] })),
          exposures: r.exposures.map((e) => ({
            ...e,
            amount: e.amount.toString(),
            path: [...e.path],
          })),
          capped: [...r.capped],
        },
  )
}
