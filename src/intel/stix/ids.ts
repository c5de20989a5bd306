import { sha1 } from '@noble/hashes/legacy.js'

/** STIX 2.1 §2.9: the namespace of deterministic cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7'
/**
 * Chainwatch's own namespace for SDO/SRO ids derived from stable input, so a re-export of the
 * same designations yields the same ids (= UUIDv5(URL namespace, "https://chainwatch.dev/stix")).
 */
export const CHAINWATCH_NAMESPACE = 'a80461e9-1b77-502f-8128-deb92a32bffe'

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidv5(namespace: string, name: string): string {
  const ns = namespace.replaceAll('-', '')
  if (!/^[0-9a-f]{32}$/i.test(ns)) throw new Error(`Not a UUID: ${namespace}`)
  const nsBytes = Uint8Array.from(ns.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16))
  const nameBytes = new TextEncoder().encode(name)
  const input = new Uint8Array(nsBytes.length + nameBytes.length)
  input.set(nsBytes)
  input.set(nameBytes, nsBytes.length)
  const hash = sha1(input).slice(0, 16)
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A JSON value as canonicalised for ids. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue }

/**
 * RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code units, no whitespace. For the
 * strings and finite numbers STIX ids use, JSON.stringify already writes the RFC's forms.
 */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const record = value as { readonly [key: string]: JsonValue }
    const keys = Object.keys(record).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key] ?? null)}`).join(',')}}`
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error('JCS has no form for non-finite numbers')
  return JSON.stringify(value)
}

/** The deterministic id of a cyber observable (STIX 2.1 §2.9) from its id-contributing properties. */
export function scoId(type: string, contributing: { readonly [key: string]: JsonValue }): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`
}

/** A stable id for a Chainwatch-made SDO/SRO: the same parts always give the same id. */
export function stableId(type: string, ...parts: readonly string[]): string {
  return `${type}--${uuidv5(CHAINWATCH_NAMESPACE, canonicalJson([type, ...parts]))}`
}
