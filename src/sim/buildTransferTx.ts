import type { SimEthTx, Technique } from './SimTypes.js'

type Common = {
  readonly time: number
  readonly hash: string
  readonly from: string
  readonly technique?: Technique
}

const tagged = (technique: Technique | undefined) => (technique === undefined ? {} : { technique })

/** A plain ETH payment. */
export function buildNativeTx(
  p: Common & { readonly to: string; readonly value: bigint },
): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.from,
    to: p.to,
    value: p.value,
    call: { kind: 'native' },
    logs: [],
    internal: [],
    ...tagged(p.technique),
  }
}

/** An ERC-20 `transfer(to, value)`: one Transfer log. */
export function buildTokenTransferTx(
  p: Common & { readonly token: string; readonly to: string; readonly value: bigint },
): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.from,
    to: p.token,
    value: 0n,
    call: { kind: 'token-transfer', token: p.token, to: p.to, value: p.value },
    logs: [{ kind: 'transfer', token: p.token, from: p.from, to: p.to, value: p.value }],
    internal: [],
    ...tagged(p.technique),
  }
}
