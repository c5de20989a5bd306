/** @module List parsers: OpenSanctions / FollowTheMoney, GraphSense TagPacks, plain address lists. */

export type { ParseActorPackParameters } from './parseActorPack.js'
export { parseActorPack } from './parseActorPack.js'
export type { ParseAddressListParameters } from './parseAddressList.js'
export { parseAddressList } from './parseAddressList.js'
export type { ParseOpenSanctionsParameters } from './parseOpenSanctions.js'
export { parseOpenSanctions } from './parseOpenSanctions.js'
export type { ParseTagPackParameters } from './parseTagPack.js'
export { parseTagPack } from './parseTagPack.js'
