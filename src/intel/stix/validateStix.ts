import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import { ChainwatchError } from '../../errors/index.js'

/**
 * The vendored OASIS STIX 2.1 schemas (plus the dogesec crypto SCO schemas); see schemas/PROVENANCE.md.
 * Read from `src/` in both the source and the `dist/` layout, as the monitoring rule pack is.
 */
const schemaDir = new URL('../../../src/intel/stix/schemas/', import.meta.url)
const oasisBase =
  'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/'
// The dogesec schemas $ref the OASIS files under another URL; point them at the copies we load.
const dogesecBase =
  'https://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/master/schemas/'

/** Object types with a schema of their own; any other type is checked against the core it claims. */
const typedSchemas = {
  identity: 'sdos/identity.json',
  indicator: 'sdos/indicator.json',
  'intrusion-set': 'sdos/intrusion-set.json',
  'observed-data': 'sdos/observed-data.json',
  report: 'sdos/report.json',
  'threat-actor': 'sdos/threat-actor.json',
  relationship: 'sros/relationship.json',
  sighting: 'sros/sighting.json',
  'marking-definition': 'common/marking-definition.json',
  'extension-definition': 'common/extension-definition.json',
  'cryptocurrency-wallet': 'scos/cryptocurrency-wallet.json',
  'cryptocurrency-transaction': 'scos/cryptocurrency-transaction.json',
} as const

/** A schema failure, as `path: message` lines. */
export type StixSchemaResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly issues: readonly string[] }

type Validators = {
  readonly byType: ReadonlyMap<string, ValidateFunction>
  readonly sdo: ValidateFunction
  readonly sco: ValidateFunction
  /** The standard observables (ipv4-addr, file…) by type, from `observables/`. */
  readonly observable: (type: string) => ValidateFunction | undefined
}
let validators: Validators | undefined

function load(): Validators {
  // unicodeRegExp:false — the OASIS patterns use `\-`, which `u`-mode regexes reject.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false })
  formats.default(ajv)
  ajv.addFormat('idn-hostname', true)
  for (const folder of ['common', 'observables', 'sdos', 'sros']) {
    for (const file of readdirSync(new URL(`${folder}/`, schemaDir))) {
      if (!file.endsWith('.json') || file === 'bundle.json') continue
      ajv.addSchema(readSchema(`${folder}/${file}`))
    }
  }
  const byType = new Map<string, ValidateFunction>()
  for (const [type, file] of Object.entries(typedSchemas)) {
    if (file.startsWith('scos/')) {
      const text = readFileSync(new URL(file, schemaDir), 'utf8').replaceAll(dogesecBase, oasisBase)
      byType.set(type, ajv.compile(JSON.parse(text) as object))
    } else {
      const validate = ajv.getSchema(`${oasisBase}${file}`)
      if (validate === undefined) throw missingSchema(file)
      byType.set(type, validate)
    }
  }
  const core = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`${oasisBase}common/${name}.json`)
    if (validate === undefined) throw missingSchema(`common/${name}.json`)
    return validate
  }
  const observable = (type: string) =>
    /^[a-z0-9-]{1,64}$/.test(type)
      ? ajv.getSchema(`${oasisBase}observables/${type}.json`)
      : undefined
  return { byType, sdo: core('core'), sco: core('cyber-observable-core'), observable }
}

function missingSchema(file: string): ChainwatchError {
  return new ChainwatchError('internal', `Vendored STIX schema ${file} is missing.`, {
    meta: { file },
  })
}

function readSchema(file: string): object {
  return JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as object
}

/**
 * Validates one STIX object against the OASIS STIX 2.1 schema of its type. Types without a
 * vendored schema are checked against the common core: SDO/SRO core when they carry `created`,
 * cyber-observable core otherwise.
 */
export function validateStixObject(
  object: unknown,
  origin: 'emitted' | 'received',
): StixSchemaResult {
  validators ??= load()
  const type = isRecord(object) && typeof object.type === 'string' ? object.type : undefined
  // Received crypto SCOs come under several extension-definition ids (OpenCTI, dogesec, older
  // Signals Corps) while the dogesec schema demands its own: hold them to the observable core.
  const lenient =
    origin === 'received' &&
    (type === 'cryptocurrency-wallet' || type === 'cryptocurrency-transaction')
  const validate =
    (type === undefined || lenient
      ? undefined
      : (validators.byType.get(type) ?? validators.observable(type))) ??
    (isRecord(object) && 'created' in object ? validators.sdo : validators.sco)
  if (validate(object)) return { valid: true }
  const issues = (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath === '' ? '(object)' : error.instancePath}: ${error.message ?? 'invalid'}`,
  )
  return { valid: false, issues: [...new Set(issues)].slice(0, 20) }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
