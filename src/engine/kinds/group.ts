import type { KindDef } from './kind'

/**
 * A mesh inside a node (the seed's taskmaster turned into a tasklet): its
 * ports are its inside's marked outputs, and each activation runs its inner
 * scheduler by one step or one call. The run builds the inside (see
 * `KindContext.group` and group-run.ts); the kind only names it.
 */
export const group: KindDef<'group'> = {
  kind: 'group',
  summary: 'A mesh inside a node, with its own scheduler: each item runs it by a step or a call.',
  ports: [],
  params: [],
  // The inner run (its queues, its scheduler's place) lasts from item to item.
  keepsState: true,
  portsOf: (node) => node.group?.outputs.map((o) => o.port) ?? [],
  build(node, { group }) {
    // A new inside is a new coroutine (a fresh inner run); the same inside re-wired outside, or with its cards moved, keeps its run.
    return { key: `group:${JSON.stringify(node.group ?? null, (key, value: unknown) => (key === 'position' ? undefined : value))}`, behaviour: group(node.group) }
  },
}
