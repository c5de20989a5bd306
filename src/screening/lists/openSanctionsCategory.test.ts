import { expect, test } from 'vitest'
import {
  type OpenSanctionsCategoryParameters,
  openSanctionsCategory,
} from './openSanctionsCategory.js'

test.each<[OpenSanctionsCategoryParameters, string]>([
  [{ topics: ['sanction'], hasSanction: false }, 'sanctioned'],
  [{ topics: [], hasSanction: true }, 'sanctioned'],
  [{ topics: ['sanction.counter'], hasSanction: true }, 'other'],
  [{ topics: ['sanction', 'sanction.counter'], hasSanction: true }, 'sanctioned'],
  [{ topics: ['crime.theft', 'crime.cyber'], hasSanction: false }, 'stolen-funds'],
  [{ topics: ['crime.cyber'], hasSanction: false }, 'hacker'],
  [{ topics: ['crime.fraud'], hasSanction: false }, 'scam'],
  [{ topics: ['sanction.linked', 'crime.fin', 'poi'], hasSanction: false }, 'other'],
])('%j → %s', (params, category) => {
  expect(openSanctionsCategory(params)).toBe(category)
})
