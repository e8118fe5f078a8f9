import { mod } from '../value'
import { defineKind } from './kind'

/** Part 3's `branch`: even items go left; odd ones go to rand or right, 50/50. */
export const branch = defineKind({
  kind: 'branch',
  summary: 'Even items go left; odd items go to rand or right, 50/50.',
  ports: ['left', 'right', 'rand'],
  params: [],
  *behaviour({ left, right, rand }, _params, { random }) {
    while (true) {
      const i = yield
      if (mod(i, 2) === 0) left(i)
      else if (random.randint(1, 2) === 1) rand(i)
      else right(i)
    }
  },
})
