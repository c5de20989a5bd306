import { decodeListText } from './decodeListText.js'
import { listInvalid } from './listInvalid.js'
import { readYaml } from './readYaml.js'

export type ParseActorPackParameters = {
  /** The file name, for error messages. */
  readonly file?: string | undefined
  /** Larger files are refused before parsing (default 32 MiB; the real actor pack is 1.5 MB). */
  readonly maxBytes?: number | undefined
}

/**
 * Reads a GraphSense ActorPack (YAML: `actors: [{id, label, …}]`) into a map of actor id → name
 * (its `label`), for `parseTagPack`'s `actors`.
 *
 * @param bytes - the file
 * @param params - {@link ParseActorPackParameters}
 * @throws ChainwatchError `list.invalid` naming the line of an actor without id or label.
 * @example
 * parseActorPack(readFileSync('graphsense.actorpack.yaml')).get('lazarusgroup') // 'Lazarus Group'
 */
export function parseActorPack(
  bytes: Uint8Array,
  params: ParseActorPackParameters = {},
): ReadonlyMap<string, string> {
  const { file, maxBytes = 32 * 1024 * 1024 } = params
  if (bytes.length > maxBytes) {
    throw listInvalid({ file, reason: `it is larger than ${maxBytes} bytes` })
  }
  const yaml = readYaml(decodeListText(bytes, file), file)
  const pack = yaml.value
  const actors =
    typeof pack === 'object' && pack !== null && 'actors' in pack ? pack.actors : undefined
  if (!Array.isArray(actors)) {
    throw listInvalid({ file, reason: 'not an ActorPack (no "actors" list)' })
  }
  const lines = yaml.itemLines('actors')
  const names = new Map<string, string>()
  for (const [index, actor] of actors.entries()) {
    const id = field(actor, 'id')
    const label = field(actor, 'label')
    if (id === undefined || label === undefined) {
      throw listInvalid({
        file,
        where: `line ${lines[index] ?? 0}`,
        reason: 'an actor needs an id and a label',
      })
    }
    names.set(id, label)
  }
  return names
}

/** A text field of an actor; unquoted YAML turns `id: 01` into a number, which is still the id. */
function field(actor: unknown, name: 'id' | 'label'): string | undefined {
  if (typeof actor !== 'object' || actor === null || !(name in actor)) return undefined
  const value: unknown = Reflect.get(actor, name)
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
