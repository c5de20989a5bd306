import type { Tlp } from './tlp.js'

/** An organisation as TLP sees it: who it is, its communities, whose client it is. */
export type Party = {
  readonly organisation: string
  /** Sharing communities (a national CERT community, an exchange ISAC…). */
  readonly communities: readonly string[]
  /** Organisations this one is a client of (an exchange supervised by an agency, say). */
  readonly clientOf: readonly string[]
}

export type ShareQuestion = {
  readonly tlp: Tlp
  /** The organisation that produced the object and set its marking. */
  readonly originator: string
  /** Organisations named as recipients (the only audience of TLP:RED beyond the originator). */
  readonly namedRecipients: readonly string[]
  /** Who holds the object and would pass it on. */
  readonly from: Party
  readonly to: Party
  /** A publicly accessible channel (website, public feed): only CLEAR may go there. */
  readonly publicChannel?: boolean
}

/**
 * May `from` pass an object of this TLP to `to`? (FIRST TLP 2.0)
 * - CLEAR: anyone, any channel.
 * - GREEN: within a community `from` shares with `to`; never a public channel.
 * - AMBER: the recipient organisation and its clients, need-to-know.
 * - AMBER+STRICT: the recipient organisation only.
 * - RED: named recipients only.
 * The originator decides the first audience (any organisation for CLEAR..AMBER+STRICT, named
 * ones for RED), and an object may always go back to its originator (sightings).
 */
export function canShare(question: ShareQuestion): boolean {
  const { tlp, originator, namedRecipients, from, to } = question
  if (tlp === 'clear') return true
  if (question.publicChannel === true) return false
  if (tlp === 'red')
    return to.organisation === originator || namedRecipients.includes(to.organisation)
  if (to.organisation === originator || from.organisation === originator) return true
  if (to.organisation === from.organisation) return true
  switch (tlp) {
    case 'green':
      return from.communities.some((community) => to.communities.includes(community))
    case 'amber':
      return to.clientOf.includes(from.organisation)
    case 'amber+strict':
      return false
  }
}
