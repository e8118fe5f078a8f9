import { defineKind } from './kind'

/** Part 3's `recycler`: each item goes back to the beginning or on to the sink, 50/50. */
export const recycler = defineKind({
  kind: 'recycler',
  summary: 'Sends each item back to beginning or on to sink, 50/50.',
  ports: ['beginning', 'sink'],
  params: [],
  *behaviour({ beginning, sink }, _params, { random }) {
    while (true) {
      const i = yield
      if (random.randint(1, 2) === 1) beginning(i)
      else sink(i)
    }
  },
})
