import { expect, test } from 'vitest'
import { parseOfacProgrammes } from './parseOfacProgrammes.js'

test.each([
  { program: 'DPRK3', expected: ['DPRK3'] },
  { program: 'IRAN] [SDGT', expected: ['IRAN', 'SDGT'] },
  {
    program: 'NPWMD] [CYBER2] [CAATSA - RUSSIA] [RUSSIA-EO14024',
    expected: ['NPWMD', 'CYBER2', 'CAATSA - RUSSIA', 'RUSSIA-EO14024'],
  },
  { program: '[IRAN] [SDGT]', expected: ['IRAN', 'SDGT'] },
  { program: null, expected: [] },
  { program: '', expected: [] },
])('default: $program', ({ program, expected }) => {
  expect(parseOfacProgrammes(program)).toEqual(expected)
})
