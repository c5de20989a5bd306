import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { parseOfacSdnCsv } from './parseOfacSdnCsv.js'

/*
 * Our extraction from the 2024-05-03 sdn.csv (+ sdn_comments 2025-02) against 0xB10C's lists,
 * extracted from sdn_advanced.xml on 2024-09-27. The difference is pinned: what it is and why is
 * in the comments of each test.
 */

const data = (path: string) =>
  fileURLToPath(new URL(`../../../../../shared/data/${path}`, import.meta.url))
const commentsPath = 'ofac-official/watchman/sdn_comments_2025-02.csv'
const list = parseOfacSdnCsv({
  sdn: readFileSync(data('ofac-official/sdn.csv')),
  comments: readFileSync(data(commentsPath)),
})

function rows(path: string): string[][] {
  const raw = readFileSync(data(path), 'latin1')
  return parse(raw.endsWith('\u001a') ? raw.slice(0, -1) : raw)
}
const evmLower = (address: string) => (address.startsWith('0x') ? address.toLowerCase() : address)
/** Addresses a parse lists under an OFAC ticker, as entries or as rejections (no codec). */
const listed = (parsed: typeof list, ticker: string) =>
  new Set([
    ...parsed.entries.filter((e) => e.asset === ticker).map((e) => e.address),
    ...parsed.rejected
      .filter((r) => r.input.startsWith(`${ticker} `))
      .map((r) => evmLower(r.input.slice(ticker.length + 1))),
  ])
const ours = (ticker: string) => listed(list, ticker)

describe('behavior: compared with the 0xB10C lists (sdn_advanced.xml, 2024-09-27)', () => {
  const dir = data('ofac-0xB10C')
  const tickers = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.replace(/^sanctioned_addresses_(\w+)\.txt$/, '$1'))
  const theirs = (ticker: string) =>
    new Set(
      readFileSync(`${dir}/sanctioned_addresses_${ticker}.txt`, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map(evmLower),
    )
  const diff = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort()
  // Overflow rows whose ent_num is not in our sdn.csv: designations after 2024-05-03.
  const sdnEntNums = new Set(rows('ofac-official/sdn.csv').map((r) => r[0]))
  const laterOverflow = rows(commentsPath)
    .filter((r) => !sdnEntNums.has(r[0]))
    .map((r) => r[1] ?? '')
    .join(';')

  // Nothing was delisted between May and September 2024: every address we extract (entries,
  // and no-codec rejections such as LTC) is on the later list under the same ticker.
  test('nothing we extract is missing from the later list', () => {
    expect(tickers.flatMap((t) => diff(ours(t), theirs(t)).map((a) => `${t} ${a}`))).toEqual([])
  })

  // Everything only the later list has was designated after 2024-05-03. Most of it sits in the
  // sdn_comments 2025-02 overflow row of ent_num 43421, which our sdn.csv does not have yet (we
  // report that row as a rejection); the rest (the first 1,000 characters of that record, and
  // CRYPTEX etc. designated 2024-09-26) is in none of our files.
  test('what only the later list has', () => {
    const onlyTheirs = tickers
      .map((t) => [t, diff(theirs(t), ours(t))] as const)
      .filter(([, only]) => only.length > 0)
    const inLaterOverflow = (address: string) =>
      laterOverflow.toLowerCase().includes(address.toLowerCase())
    const split = (pick: boolean) =>
      Object.fromEntries(
        onlyTheirs
          .map(([t, only]) => [t, only.filter((a) => inLaterOverflow(a) === pick)] as const)
          .filter(([, only]) => only.length > 0),
      )
    expect({
      inOverflowOfLaterDesignation: split(true),
      notInOurFiles: split(false),
    }).toMatchInlineSnapshot(`
      {
        "inOverflowOfLaterDesignation": {
          "ETH": [
            "0xe1d865c3d669dcc8c57c8d023140cb204e672ee4",
          ],
          "LTC": [
            "LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb",
          ],
          "TRX": [
            "TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre",
          ],
          "XBT": [
            "1NaRX1GZgtZ7E8iXo8YUdTtnb8rAK5QFJa",
            "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw",
            "bc1q2jys00x2rgdkm3xnewuucqacytu0a7echupu8y",
            "bc1q2q8uxjznmurg363dvd98xjg54mrr7z6mw9t825",
            "bc1q362njxy39gnwrvj7zytn84ax39fwnhvk7n2999",
            "bc1q3ael5my37nklgnqcrkwmnndfx9qdnp67j0739c",
            "bc1q49ax787wv0mnn8wjgp3sx772qz7eun822rkv5k",
            "bc1q5zd0cwzd09k9r8xfk68sn5ytqp8f5aae80yfsm",
            "bc1q68uswkjvu7nj7mhrvfzkx7cm6u5s9puvpm5dc2",
            "bc1q6w463k7mhsgguwgqtcratm4vm42rncwhvvkeck",
            "bc1q7hhdygx05kyfyzjku2u7lywvx5pgyng6a0nefp",
            "bc1q7xfqqw9htr88t7vafg80p4qrlpjfyaps452x5g",
            "bc1q8pw85s83mdx2f3rfu64mmfd9wexqu2y856arwp",
            "bc1q8q7z3kt37z6jalv5ujung5lem6pzlk9r3kt66k",
            "bc1q9ua9ypl4dhj0zut5kzasj5c2kxclhh8v2k9djd",
            "bc1q9ws2gcq7uumm4mk3l9xezwve7w5tmcs5js5cup",
            "bc1qa2xr7dmz5lztplp9yfp7k382nf4ma8gwrl7zgg",
            "bc1qakycg2zp8hydg95lc9cheumpa9yfpdeyrqqh5f",
            "bc1qau9pmgc8l6rxpdwwap3fd6zprh5yp9mpe9jl0h",
            "bc1qavwamr74qlzj8txy6jaxqnpym9062h090x6kz4",
            "bc1qe8wclszdtshkjk7gph57crc72vpp9rylujgwa5",
            "bc1qe9lz50jq0a5pmtry0h3ekng3kjdg09vejg7355",
            "bc1qedvcgh32dud85yt7fu6s7qavthlh38gtwa7rhx",
            "bc1qgffxa65gr579tsz55n87pal2a777ygzg69d2yz",
            "bc1qh33xtpjqhgysq5xlmjzkm28uewj08885n95drr",
            "bc1qh3lw22uqwrywr8lpun20q2ma528a4yqmgf3uqp",
            "bc1qhvzl5w99m458nm7sc6hwf5qfhxndw28sgtatk8",
            "bc1ql526s72gycmvq7hek6j3tuwwmcpv4rgs0auxu7",
            "bc1ql7rnd70aejdxt3f9fzdlfazjlc9hvdmut8ad8s",
            "bc1qlfpg2xn39u580cmwq6rymt8jdhcmj8520jhgh0",
            "bc1qllmlvy5u038yvwywu803p53g8udcm8w7k4qxu9",
            "bc1qrc2gchg2fmxua5u7twu4luv5p9twmny4jjmg9x",
            "bc1qrskwdw9unhlkt87ltcqq2d5pn9s6w2f35gz3z6",
            "bc1qtywfzxx6snut2mdrum8dyr5nnd5qhqd29wmvqt",
            "bc1qup656lpfqfckhl580kwf62thmn5azmj2pal0sz",
          ],
        },
        "notInOurFiles": {
          "ETH": [
            "0x0931ca4d13bb4ba75d9b7132ab690265d749a5e7",
          ],
          "LTC": [
            "M8yFL6SFC6TreATegTyuSYkDfDRbisdpT3",
          ],
          "TRX": [
            "TTUDyVhhpCC1xJoPmWzdjLAzeoPwbSABdr",
          ],
          "USDT": [
            "TLM3zA3EWycoDX4ZX4gKze7sgfbdkntTum",
          ],
          "XBT": [
            "13JtX4h7G5ZuNK5mFudKGq9DHLvvMFuNuz",
            "bc1q4namcagg5wljs0u20z6h2sqgsq4q5lts8rt2rr",
            "bc1qdpazd6smrkq5hmw6lupq98za2fqtgmq3azv3av",
            "bc1qnykkrlk67f9kdqvzyw2ndu3xmef5z2e52886yl",
            "bc1qtdupwe722vcc5e0vh94cgwfs0ep4gzwyfsf75q",
            "bc1qte9ret332gwrk6e7vqc87d807npzvdj5savg4h",
            "bc1qtrrfhr0f3ufsrjxfv8a7p3yuqj0spe4cm6vaws",
            "bc1qtsl3ufenrv3zgrgm9z8xarcx22x8mfztuartyn",
            "bc1qu5vngdtcx8nc9d68pq8nv7pzcjrswsy87s66gk",
            "bc1qv4krhj2qmpd9qz9xj9nhvj99fq8s9xsw05d485",
            "bc1qvhnfknw852ephxyc5hm4q520zmvf9maphetc9z",
            "bc1qw8evftpgc8wsmkemd8yl5fg2husza5z802xaym",
            "bc1qwz0l2ceddckwdy5rh6zyrm3x4ha6gn5f2da5zg",
          ],
        },
      }
    `)
  })

  // ultrasoundmoney's 2024-08-20 list dates its ETH additions: independent evidence.
  test('the ETH addresses only the later list has were designated after 2024-05-03', () => {
    const dated = new Map(
      parse(readFileSync(data('ofac-ultrasoundmoney/data_2024-08-20_before_TC_delisting.csv')))
        .slice(1)
        .map(([date, address]) => [(address ?? '').toLowerCase(), date ?? '']),
    )
    const only = diff(theirs('ETH'), ours('ETH'))
    expect(only.length).toBeGreaterThan(0)
    // Either dated after our sdn.csv, or not yet on the 2024-08-20 list at all.
    expect(only.filter((a) => (dated.get(a) ?? '9999') <= '2024-05-03')).toEqual([])
  })

  // sdn.csv cuts Remarks at 1,000 characters; without the sdn_comments join these addresses,
  // all on the later list, would be missing or cut (0xB10C reads sdn_advanced.xml, which has no cap).
  test('the sdn_comments join recovers what the 1,000-character cut hides', () => {
    const alone = parseOfacSdnCsv({ sdn: readFileSync(data('ofac-official/sdn.csv')) })
    const recovered = Object.fromEntries(
      tickers
        .map((t) => [t, diff(ours(t), listed(alone, t)).filter((a) => theirs(t).has(a))] as const)
        .filter(([, only]) => only.length > 0)
        .map(([t, only]) => [t, only.length]),
    )
    expect(recovered).toMatchInlineSnapshot(`
      {
        "BCH": 5,
        "BSV": 1,
        "ETH": 101,
        "LTC": 4,
        "USDT": 8,
        "XBT": 191,
        "XRP": 1,
        "ZEC": 1,
      }
    `)
  })

  // OFAC lists a Tron address under XBT; 0xB10C files it by ticker, we by the address' chain.
  test('the Tron address in the XBT list', () => {
    const tronInXbt = list.entries.filter((e) => e.asset === 'XBT' && e.chain === 'tron')
    expect(tronInXbt.map((e) => e.address)).toEqual(
      [...theirs('XBT')].filter((a) => a.startsWith('T')),
    )
  })
})
