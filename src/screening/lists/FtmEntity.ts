import { z } from 'zod'

/**
 * One FollowTheMoney entity as OpenSanctions exports it, one per line: every property is a list of
 * values (strings in the flat export; the nested export puts whole entities in place of ids).
 */
export const ftmEntitySchema = z.looseObject({
  id: z.string().min(1),
  schema: z.string().min(1),
  caption: z.string().nullish(),
  properties: z.record(z.string(), z.array(z.unknown())).optional(),
  datasets: z.array(z.string()).optional(),
  first_seen: z.string().nullish(),
  last_seen: z.string().nullish(),
  last_change: z.string().nullish(),
})

export type FtmEntity = z.infer<typeof ftmEntitySchema>

/** The string values of a property, trimmed, empty ones left out. */
export function ftmStrings(entity: FtmEntity, property: string): readonly string[] {
  const values = entity.properties?.[property] ?? []
  return values.flatMap((value) =>
    typeof value === 'string' && value.trim() !== '' ? [value.trim()] : [],
  )
}

/** The entities a property refers to: ids, or whole entities in the nested export. */
export function ftmReferences(
  entity: FtmEntity,
  property: string,
): readonly (string | FtmEntity)[] {
  const values = entity.properties?.[property] ?? []
  return values.flatMap<string | FtmEntity>((value) => {
    if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()]
    const nested = ftmEntitySchema.safeParse(value)
    return nested.success ? [nested.data] : []
  })
}
