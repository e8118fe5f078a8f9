import { defineKind } from './kind'

/** The seed's `sink`: prints what it gets ("Sink got: 2x2"). */
export const sink = defineKind({
  kind: 'sink',
  summary: 'Records every item it gets: "Sink got: {i}".',
  ports: [],
  params: [],
  *behaviour(_ports, _params, { output }) {
    while (true) {
      const i = yield
      output(i)
    }
  },
})
