import { expect, test } from 'vitest'
import { tickerChains } from './tickerChains.js'

test.each<[string | undefined, readonly string[] | undefined]>([
  ['XBT', ['bitcoin']],
  ['btc', ['bitcoin']],
  ['ETH', ['ethereum']],
  ['BSC', ['ethereum']],
  ['TRX', ['tron']],
  ['USDT', ['bitcoin', 'ethereum', 'tron']],
  [undefined, ['bitcoin', 'ethereum', 'tron']],
  ['', ['bitcoin', 'ethereum', 'tron']],
  ['XMR', undefined],
  ['toString', undefined],
])('%s → %j', (ticker, chains) => {
  expect(tickerChains(ticker)).toEqual(chains)
})
