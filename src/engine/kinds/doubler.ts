import { format } from '../value'
import { defineKind } from './kind'

/** Part 3's `doubler`: sends `2x{i}`. */
export const doubler = defineKind({
  kind: 'doubler',
  summary: 'Sends "2x{i}" to its target.',
  ports: ['target'],
  params: [],
  *behaviour({ target }) {
    while (true) {
      const i = yield
      target(format('2x{}', i))
    }
  },
})
