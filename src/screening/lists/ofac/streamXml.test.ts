import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../../errors/index.js'
import { parseOfacSdnAdvancedXml } from './parseOfacSdnAdvancedXml.js'
import { parseOfacSdnXml } from './parseOfacSdnXml.js'
import { streamXml } from './streamXml.js'

const realClassic = readFileSync(
  fileURLToPath(
    new URL(
      '../../../../../shared/data/ofac-official/consolidated_2018-04-06_classic_sdnList.xml',
      import.meta.url,
    ),
  ),
)
const advancedFixture = readFileSync(
  fileURLToPath(new URL('../../../../test/fixtures/ofac/sdn_advanced_dca.xml', import.meta.url)),
)

/** The error `run` throws, checked to be `list.invalid`. */
function listInvalid(run: () => unknown) {
  try {
    run()
  } catch (error) {
    if (isChainwatchError(error, 'list.invalid')) return error
    throw error
  }
  throw new Error('expected list.invalid, nothing was thrown')
}

/** 100 MB: a 64 KiB pseudo-random block repeated (same bytes every run, built in milliseconds). */
function garbage(): Buffer {
  const block = Buffer.alloc(64 * 1024)
  let state = 0x2545f491
  for (let i = 0; i < block.length; i += 4) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    block.writeUInt32LE(state, i)
  }
  return Buffer.alloc(100 * 1024 * 1024, block)
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ROOT>&lol9;</ROOT>`
const XXE = `<?xml version="1.0"?>
<!DOCTYPE ROOT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ROOT><x>&xxe;</x></ROOT>`

describe.each([
  {
    parser: 'parseOfacSdnXml',
    parse: parseOfacSdnXml,
    root: 'sdnList',
    file: 'sdn.xml',
    real: realClassic,
  },
  {
    parser: 'parseOfacSdnAdvancedXml',
    parse: parseOfacSdnAdvancedXml,
    root: 'Sanctions',
    file: 'sdn_advanced.xml',
    real: advancedFixture,
  },
])('errors: $parser', ({ parse, root, file, real }) => {
  test('error: truncated XML names line and column', () => {
    const cut = real.subarray(0, Math.floor(real.length / 2))
    const lines = cut.toString('utf8').split('\n')
    const error = listInvalid(() => parse(cut))
    expect(error.meta).toMatchObject({ file, line: lines.length })
    expect(error.shortMessage).toMatch(
      new RegExp(`^${file} line ${lines.length}, column \\d+: unclosed tag: \\w+\\.$`),
    )
  })

  test('error: entity expansion (billion laughs) is refused, not expanded', () => {
    expect(
      listInvalid(() => parse(Buffer.from(BILLION_LAUGHS.replaceAll('ROOT', root)))).shortMessage,
    ).toBe(
      `${file} line 7, column 3: DOCTYPE declarations are refused (entity expansion, external entities).`,
    )
  })

  test('error: external entity (XXE) is refused', () => {
    expect(
      listInvalid(() => parse(Buffer.from(XXE.replaceAll('ROOT', root)))).shortMessage,
    ).toMatch(/DOCTYPE declarations are refused/)
  })

  test('error: 100 MB of garbage fails at its first bytes', () => {
    expect(listInvalid(() => parse(garbage())).shortMessage).toMatch(
      new RegExp(
        `^${file} line 1, column \\d+: not UTF-8 \\(invalid byte sequence at byte \\d\\)\\.$`,
      ),
    )
    // Valid UTF-8 that is not XML fails in the first 64 KiB chunk too.
    expect(listInvalid(() => parse(Buffer.alloc(100 * 1024 * 1024, 'A'))).shortMessage).toBe(
      `${file} line 1, column 65537: text data outside of root node.`,
    )
    expect(listInvalid(() => parse(Buffer.alloc(100 * 1024 * 1024, ' '))).shortMessage).toBe(
      `${file} line 1, column 65537: no root element in the first 64 KiB.`,
    )
  })

  test('error: wrong encoding', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(real.toString('utf8'), 'utf16le'),
    ])
    expect(listInvalid(() => parse(utf16)).shortMessage).toBe(
      `${file} line 1, column 1: UTF-16 text (byte-order mark); expected UTF-8 XML.`,
    )
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><${root}/>`)
    expect(listInvalid(() => parse(latin1)).shortMessage).toBe(
      `${file} line 1, column 44: declared encoding ISO-8859-1 is not supported; expected UTF-8.`,
    )
    // A latin-1 é (0xe9) at the start of line 21: UTF-8 reads it as a lead byte, which the next
    // byte (column 2) breaks.
    const lines = real.toString('utf8').split('\n')
    const head = Buffer.from(`${lines.slice(0, 20).join('\n')}\n`)
    const bad = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from(lines.slice(20).join('\n'))])
    expect(listInvalid(() => parse(bad)).shortMessage).toBe(
      `${file} line 21, column 2: not UTF-8 (invalid byte sequence at byte ${head.length + 1}).`,
    )
  })

  test('error: another root element', () => {
    expect(listInvalid(() => parse(Buffer.from('<html><body/></html>'))).shortMessage).toBe(
      `${file} line 1, column 7: root element <html>, expected <${root}>.`,
    )
  })
})

describe('streamXml', () => {
  test('default: local names, leaf text, ancestors', () => {
    const seen: string[] = []
    streamXml({
      bytes: Buffer.from(
        '<a:r xmlns:a="u"><a:x k="v">one &amp; <![CDATA[two]]></a:x><y><z/></y></a:r>',
      ),
      file: 'f.xml',
      root: 'r',
      visitor: {
        close(element, text, { ancestors }) {
          seen.push(
            `${ancestors.map((a) => a.name).join('/')}/${element.name}=${JSON.stringify(text)} ${JSON.stringify(element.attributes)}`,
          )
        },
      },
    })
    expect(seen).toMatchInlineSnapshot(`
      [
        "r/x="one & two" {"k":"v"}",
        "r/y/z="" {}",
        "r/y="" {}",
        "/r="" {"xmlns:a":"u"}",
      ]
    `)
  })

  test('error: a text node over 1 MiB', () => {
    const bytes = Buffer.from(`<r>${'x'.repeat(2 ** 20 + 1)}</r>`)
    expect(
      listInvalid(() => streamXml({ bytes, file: 'f.xml', root: 'r', visitor: {} })).shortMessage,
    ).toMatch(/^f\.xml line 1, column \d+: text node longer than 1 MiB\.$/)
  })

  test('error: invalid UTF-8 byte is located', () => {
    const bytes = Buffer.concat([
      Buffer.from('<r>\n<x>ok</x>\n<x>'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('</x></r>'),
    ])
    expect(
      listInvalid(() => streamXml({ bytes, file: 'f.xml', root: 'r', visitor: {} })).shortMessage,
    ).toBe(
      // 0xc3 at byte 17 opens a two-byte sequence; 0x28 at byte 18 (line 3, column 5) breaks it.
      'f.xml line 3, column 5: not UTF-8 (invalid byte sequence at byte 18).',
    )
  })
})
