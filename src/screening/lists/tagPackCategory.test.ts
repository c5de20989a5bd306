import { expect, test } from 'vitest'
import { type TagPackCategoryParameters, tagPackCategory } from './tagPackCategory.js'

test.each<[TagPackCategoryParameters, string]>([
  [{ abuse: 'sanction', category: 'user' }, 'sanctioned'],
  [{ abuse: 'service_hack' }, 'hacker'],
  [{ abuse: 'service_hack', category: 'exchange' }, 'hacker'],
  [{ abuse: 'ransomware' }, 'ransomware'],
  [{ abuse: 'phishing' }, 'scam'],
  [{ abuse: 'Ponzi_Scheme' }, 'scam'],
  [{ abuse: 'terrorism', category: 'exchange' }, 'other'],
  [{ category: 'exchange' }, 'exchange'],
  [{ category: 'mixing_service' }, 'mixer'],
  [{ category: 'coinjoin' }, 'mixer'],
  [{ category: 'defi_bridge' }, 'bridge'],
  [{ category: 'defi_dex' }, 'dex'],
  [{ category: 'black_list' }, 'other'],
  [{ category: 'service', concepts: ['gambling', 'exchange'] }, 'exchange'],
  [{}, 'other'],
])('%j → %s', (params, category) => {
  expect(tagPackCategory(params)).toBe(category)
})
