import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normalizeAddress } from '../../chain/index.js'
import type { Producer, WalletDesignation } from './designation.js'

/** Test data: real addresses (FBI PSA 250226, Bybit theft) and a Bitcoin address from dogesec's example. */
export function sharedPath(path: string): string {
  return fileURLToPath(new URL(`../../../../shared/${path}`, import.meta.url))
}

export const japaneseAgency: Producer = {
  name: 'Japan National Police Agency (test)',
  identityClass: 'organization',
  roles: ['law-enforcement'],
  sectors: ['government-national'],
}

export function bybitDesignations(count: number): WalletDesignation[] {
  const lines = readFileSync(sharedPath('data/lazarus/fbi_psa250226_bybit_51.txt'), 'utf8').split(
    '\n',
  )
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, count)
    .map((address, index) => ({
      chain: 'ethereum',
      address: normalizeAddress('ethereum', address),
      asset: 'ETH',
      category: 'hacker',
      entity: 'Lazarus Group',
      confidence: 90 - index,
      label: index === 0 ? "Bybit exploiter's 'first' \\ hop" : null,
      validFrom: '2025-02-26T00:00:00.000Z',
      validUntil: index === 1 ? '2027-02-26T00:00:00.000Z' : null,
    }))
}

export const bitcoinDesignation: WalletDesignation = {
  chain: 'bitcoin',
  address: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY',
  asset: 'BTC',
  category: 'ransomware',
  entity: 'Example ransomware crew',
  confidence: 70,
  label: null,
  validFrom: '2024-01-01T00:00:00.000Z',
  validUntil: null,
}
