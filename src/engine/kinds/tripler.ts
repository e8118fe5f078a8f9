import { format } from '../value'
import { defineKind } from './kind'

/** Part 3's `tripler`: sends `3x{i}`. */
export const tripler = defineKind({
  kind: 'tripler',
  summary: 'Sends "3x{i}" to its target.',
  ports: ['target'],
  params: [],
  *behaviour({ target }) {
    while (true) {
      const i = yield
      target(format('3x{}', i))
    }
  },
})
