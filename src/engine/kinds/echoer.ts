import { join } from '../value'
import { defineKind } from './kind'

/** The priority example's `echoer`: sends `"{i}, {suffix}"`. */
export const echoer = defineKind({
  kind: 'echoer',
  summary: 'Sends "{i}, {suffix}" to its target.',
  ports: ['target'],
  params: [{ name: 'suffix', label: 'Suffix', default: 'world!' }],
  *behaviour({ target }, { suffix }) {
    while (true) {
      const i = yield
      target(join(', ', [i, suffix]))
    }
  },
})
