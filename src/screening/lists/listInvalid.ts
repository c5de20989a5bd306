import { ChainwatchError } from '../../errors/index.js'
import { displayText } from './displayText.js'

export type ListInvalidParameters = {
  /** The file name, when the caller passed one. */
  readonly file?: string | undefined
  /** Where in the file: `line 12`, `byte 4096`. */
  readonly where?: string | undefined
  /** What is wrong, as a sentence fragment: `not JSON: Unexpected end of input`. */
  readonly reason: string
  readonly cause?: unknown
}

/** Builds the `list.invalid` error for a list file that cannot be used at all. */
export function listInvalid(params: ListInvalidParameters): ChainwatchError<'list.invalid'> {
  const { file, where, reason, cause } = params
  const subject = file === undefined ? 'List file' : `List file "${displayText(file)}"`
  const at = where === undefined ? '' : ` at ${where}`
  return new ChainwatchError('list.invalid', `${subject} is malformed${at}: ${reason}.`, {
    meta: { file, where },
    ...(cause === undefined ? {} : { cause }),
  })
}
