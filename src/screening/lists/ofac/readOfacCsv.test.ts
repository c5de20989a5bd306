import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../../errors/index.js'
import { readOfacCsv } from './readOfacCsv.js'

const read = (text: string, columns = 3) => readOfacCsv({ text, file: 'sdn.csv', columns })

describe('valid', () => {
  test.each([
    {
      name: 'quoted, unquoted and -0- nulls with the trailing space',
      text: '36,"AEROCARIBBEAN AIRLINES",-0- \r\n',
      records: [{ line: 1, entNum: '36', fields: ['36', 'AEROCARIBBEAN AIRLINES', null] }],
    },
    {
      name: 'commas and escaped quotes inside quotes',
      text: '173,"ANGLO-CARIBBEAN CO., LTD.","a ""b"" c"\r\n',
      records: [
        { line: 1, entNum: '173', fields: ['173', 'ANGLO-CARIBBEAN CO., LTD.', 'a "b" c'] },
      ],
    },
    {
      name: 'LF, lone CR and no final line end',
      text: '1,"a",-0- \n2,"b",-0- \r3,"c",-0- ',
      records: [
        { line: 1, entNum: '1', fields: ['1', 'a', null] },
        { line: 2, entNum: '2', fields: ['2', 'b', null] },
        { line: 3, entNum: '3', fields: ['3', 'c', null] },
      ],
    },
    {
      name: 'line break inside a quoted field counts for later lines',
      text: '1,"a\r\nb",-0- \r\n\r\n2,"c",""\r\n',
      records: [
        { line: 1, entNum: '1', fields: ['1', 'a\r\nb', null] },
        { line: 4, entNum: '2', fields: ['2', 'c', ''] },
      ],
    },
    { name: 'empty file', text: '', records: [] },
  ])('$name', ({ text, records }) => {
    expect(read(text)).toEqual(records)
  })
})

describe('errors', () => {
  test.each([
    {
      name: '13 columns',
      text: '1,"a",-0- \r\n2,"b",-0- ,"x"\r\n',
      message: 'sdn.csv line 2: 4 or more columns, expected 3.',
    },
    {
      name: 'too few columns',
      text: '1,"a"\r\n',
      message: 'sdn.csv line 1: 2 columns, expected 3.',
    },
    {
      name: 'quote never closed',
      text: '1,"a",-0- \r\n2,"b,-0- \r\n3,"c",-0- \r\n',
      message:
        'sdn.csv line 2: quoted field opened here runs to line 3, where "c" follows its closing quote.',
    },
    {
      name: 'quote never closed at the end',
      text: '1,"a",-0- \r\n2,"b,-0- \r\n',
      message: 'sdn.csv line 2: quoted field never closed.',
    },
    {
      name: 'text after a closing quote',
      text: '1,"a"b,-0- \r\n',
      message: 'sdn.csv line 1: unexpected "b" after a closing quote.',
    },
    {
      name: 'quote inside an unquoted field',
      text: '1,a"b,-0- \r\n',
      message: 'sdn.csv line 1: quote inside an unquoted field.',
    },
    {
      name: 'ent_num not an integer',
      text: 'x,"a",-0- \r\n',
      message: 'sdn.csv line 1: ent_num "x" is not an integer.',
    },
    {
      name: 'ent_num null',
      text: '-0- ,"a",-0- \r\n',
      message: 'sdn.csv line 1: ent_num "null" is not an integer.',
    },
    {
      name: 'field longer than 1 MiB',
      text: `1,${'A'.repeat(2 ** 20 + 2)},-0- `,
      message: 'sdn.csv line 1: field longer than 1 MiB.',
    },
  ])('error: $name', ({ text, message }) => {
    let caught: unknown
    try {
      read(text)
    } catch (error) {
      caught = error
    }
    expect(isChainwatchError(caught, 'list.invalid')).toBe(true)
    if (!isChainwatchError(caught, 'list.invalid')) return
    expect(caught.shortMessage).toBe(message)
    expect(caught.meta.file).toBe('sdn.csv')
  })
})
