import { add } from '../value'
import { defineKind } from './kind'

/** Part 3's `start`: passes each item on, plus one. */
export const start = defineKind({
  kind: 'start',
  summary: 'Sends i + 1 to its target.',
  ports: ['target'],
  params: [],
  *behaviour({ target }) {
    while (true) {
      const i = yield
      target(add(i, 1))
    }
  },
})
