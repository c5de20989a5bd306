import { ChainwatchError } from '../../../errors/index.js'

export type ListInvalidParameters = {
  /** The file as the caller named it (`sdn.csv`, a path, a URL). */
  readonly file: string
  /** What is wrong, without the place: `13 columns, expected 12`. */
  readonly reason: string
  /** 1-based line of the problem, when known. */
  readonly line?: number | undefined
  /** 1-based column (character) of the problem, when known. */
  readonly column?: number | undefined
  readonly cause?: unknown
}

/** Builds the `list.invalid` error naming the file and the place in it. */
export function listInvalid(params: ListInvalidParameters): ChainwatchError<'list.invalid'> {
  const { file, reason, line, column, cause } = params
  const place =
    line === undefined
      ? ''
      : column === undefined
        ? ` line ${line}`
        : ` line ${line}, column ${column}`
  return new ChainwatchError('list.invalid', `${file}${place}: ${reason}.`, {
    meta: { file, line, column },
    ...(cause === undefined ? {} : { cause }),
  })
}
