import { defineKind } from './kind'

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
 * with ports of its own. Its behaviour here only raises: a run compiles the
 * node's source with the compiler it was given (in the page, inside the
 * sandbox worker), and never evaluates code by itself.
 */
export const code = defineKind({
  kind: 'code',
  summary: 'Runs a coroutine you write, with ports you declare.',
  ports: [],
  params: [],
  *behaviour() {
    yield
    throw new Error('this code node was not compiled: its code runs only once it is allowed to')
  },
})
