import type { KindDef } from './kind'

/** The coroutine a new code node starts with: it passes every item on. */
export const CODE_TEMPLATE = `function* (ports, params, self) {
  while (true) {
    const item = yield
    ports.out.send(item)
  }
}
`

/**
 * A node whose coroutine the user writes (`function* (ports, params, self)`),
 * with ports of its own. A run builds it with the compiler it was given (in
 * the page, inside the sandbox worker), and never evaluates code by itself.
 */
export const code: KindDef<'code'> = {
  kind: 'code',
  summary: 'Runs a coroutine you write, with ports you declare.',
  ports: [],
  params: [],
  // The user's coroutine may keep what it likes between items.
  keepsState: true,
  portsOf: (node) => node.code?.ports ?? [],
  build(node, { compile }) {
    const source = node.code?.source ?? ''
    return { key: `code:${source}`, behaviour: compile(source) }
  },
}
