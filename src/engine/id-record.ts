/**
 * Objects keyed by what a person names (node and edge ids, port names): with
 * no prototype, so `constructor`, `toString` or `__proto__` are keys like any
 * other, never Object.prototype's members. Where a key can be any id, use a
 * `Map` or one of these, never `{}`.
 */

/** An empty object with no prototype, for keys that are ids: `idRecord<NodeView>()`. */
export function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** The own entries of `record` (which may have come through postMessage or JSON, with a prototype again) in an idRecord. */
export function toIdRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out = idRecord<T>()
  for (const [key, value] of Object.entries(record)) out[key] = value
  return out
}

/** `record[key]` if it is the record's own, else undefined: for a record that may have a prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined
}
