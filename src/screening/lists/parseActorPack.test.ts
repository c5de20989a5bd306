import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { parseActorPack } from './parseActorPack.js'

const actorPack = fileURLToPath(
  new URL(
    '../../../../shared/data/graphsense-tagpacks/actors/graphsense.actorpack.yaml',
    import.meta.url,
  ),
)
const encode = (text: string) => new TextEncoder().encode(text)

test('default: every actor of the real pack, id → label', () => {
  const text = readFileSync(actorPack, 'utf8')
  // Counted without our parser: list items at the top level of `actors:` start with "- id: ".
  const ids = [...text.matchAll(/^- id: '?([^'\n]+)'?$/gm)].map((m) => m[1])
  const actors = parseActorPack(readFileSync(actorPack))
  expect(actors.size).toBe(ids.length)
  expect([...actors.keys()]).toEqual(ids)
  expect(actors.get('lazarusgroup')).toBe('Lazarus Group')
  // Quoted `id: '01'` stays the text "01".
  expect(actors.get('01')).toBe('01')
})

test('error: an actor without a label names its line', () => {
  let error: unknown
  try {
    parseActorPack(encode('actors:\n- id: a\n  label: A\n- id: b\n'), { file: 'x.yaml' })
  } catch (caught) {
    error = caught
  }
  expect(isChainwatchError(error, 'list.invalid')).toBe(true)
  expect(isChainwatchError(error) && error.shortMessage).toBe(
    'List file "x.yaml" is malformed at line 4: an actor needs an id and a label.',
  )
})

test('error: not an actor pack', () => {
  expect(() => parseActorPack(encode('tags: []\n'))).toThrow('not an ActorPack')
})
