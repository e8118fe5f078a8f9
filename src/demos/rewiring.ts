import { defineDemo, type Demo } from './lesson'
import json from './rewiring.mesh.json'

const printed = (...items: string[]) => items.map((item) => `Sink got: ${item}`)

/** The seed's malleable mesh: a node that "can rewire the pathways as it sees fit", on the canvas as the run goes. */
export const rewiring: Demo = defineDemo({
  id: 'rewiring',
  title: 'Rewiring: a balancer that grows its mesh',
  summary:
    'A code node wires a second worker itself when the work grows: the wire appears on the canvas at that tick, goes on Step back, and stays out of your document until you keep it.',
  mesh: json,
  steps: [
    {
      title: 'A node that rewires the mesh',
      text:
        'The articles go past a fixed graph: "Nodes sit within some form of malleable landscape (read: mesh) and can rewire the pathways as they see fit."\n\n' +
        "balancer is a code node with one wire, to the doubler. Its code can change the run's wiring with self.connect, self.disconnect and self.rescope. Select it to read its code. It holds 1 to 6.",
      watch: { node: 'balancer' },
      expect: 'balancer holds 1 to 6; one wire leaves it, to the doubler.',
      shows: { tick: 0, outputs: [], queues: { balancer: [1, 2, 3, 4, 5, 6], doubler: [], tripler: [] } },
    },
    {
      title: 'One worker',
      text: 'The taskmaster gives balancer its turns: 1 and 2 go to its only worker, the doubler.',
      watch: { node: 'doubler' },
      run: { ticks: 2 },
      expect: 'The doubler holds 1 and 2.',
      shows: { tick: 2, queues: { balancer: [3, 4, 5, 6], doubler: [1, 2], tripler: [] } },
    },
    {
      title: 'It wires a second worker',
      text:
        'At its third item the work has grown, and balancer calls self.connect("out", "tripler") — the node after its first worker: a new wire appears on the canvas, lit up as it is made, and the trace says "balancer.out wired to tripler". 3 goes to the tripler.\n\n' +
        'The wire is the run\'s, not your document\'s: press Step back and it goes; step forward and it comes back. "Keep the mesh as it is now" in the run toolbar makes it yours (one undoable edit).',
      watch: { node: 'tripler' },
      run: { ticks: 1 },
      expect: 'A dashed wire from balancer to the tripler; the tripler holds 3.',
      shows: { tick: 3, queues: { balancer: [4, 5, 6], doubler: [1, 2], tripler: [3] } },
    },
    {
      title: 'Two workers, in turn',
      text: 'From then on balancer sends to its workers in turn: 4 and 6 to the doubler, 5 to the tripler.',
      watch: { node: 'sink' },
      run: 'to-end',
      expect: 'The sink prints 2x1, 2x2, 2x4, 2x6, 3x3, 3x5.',
      shows: { outputs: printed('2x1', '2x2', '2x4', '2x6', '3x3', '3x5'), queues: { balancer: [], doubler: [], tripler: [], sink: [] } },
    },
  ],
})
