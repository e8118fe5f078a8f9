import { defineDemo, type Demo } from './lesson'
import json from './part3-mesh.mesh.json'

const FIRST_RUN = ['Sink got: 2x2', 'Sink got: 2x4', 'Sink got: 3x1', 'Sink got: 3x3']

/** The seed's Part 3 mesh, with the random choices of seed 5 falling as they did in the article. */
export const part3Mesh: Demo = defineDemo({
  id: 'part3-mesh',
  title: 'The Part 3 mesh',
  summary: "start, branch, doubler, tripler, recycler and sink, with a circle: the seed's first mesh and its printout.",
  mesh: json,
  steps: [
    {
      title: 'Six tasklets and a circle',
      text:
        'This is the mesh from "Meshing Part 3". start adds one and passes the item on to branch. branch sends even items left, to the doubler, and odd ones, 50/50, right to the tripler or to the recycler. The recycler sends an item back to start or on to the sink, 50/50.\n\n' +
        'start → branch → recycler → start is a circle: the seed had to make branch empty first and set it afterwards (b.set(branch, d, t, r)). Here you just draw the wires.\n\n' +
        "Nothing has run yet. The items 0, 1, 2 and 3 wait in start's queue: the seed's a(0)(1)(2)(3).",
      watch: { node: 'a' },
      expect: 'start holds 0, 1, 2, 3; every other queue is empty.',
      question: {
        kind: 'next-tasklet',
        prompt: 'Which tasklet will the taskmaster run first?',
        explain: 'The taskmaster skips a tasklet with nothing queued, and only start has items.',
      },
      shows: { tick: 0, outputs: [], queues: { a: [0, 1, 2, 3], b: [] } },
    },
    {
      title: 'One activation',
      text:
        "The taskmaster gives every tasklet a turn, in node order: sink, doubler, tripler, branch, start, recycler (the seed's tasks list). The first four have nothing queued, so start goes first.\n\n" +
        'One tasklet taking one item is one tick: start takes 0 and sends 1 to branch.',
      watch: { node: 'a' },
      run: 'step',
      expect: 'start now holds 1, 2, 3, and branch holds 1.',
      shows: { tick: 1, outputs: [], queues: { a: [1, 2, 3], b: [1] } },
    },
    {
      title: 'Run until no work is left',
      text:
        'In flush mode each tasklet drains its whole queue in its turn. Round after round the items move on, until a whole round does no work: while any([task.flush() for task in tasks]): pass.\n\n' +
        "With seed 5 the branch sends 1 and 3 right, to the tripler, as it did when the seed's author ran it.",
      watch: { node: 's' },
      run: 'to-end',
      expect: "The sink prints 2x2, 2x4, 3x1, 3x3: the seed's printout.",
      shows: { outputs: FIRST_RUN, queues: { a: [], b: [], d: [], t: [], r: [], s: [] } },
    },
    {
      title: 'Queue up some more',
      text: 'The seed then queued two more items, a(10)(11). Sending only queues them: nothing runs until the scheduler does.',
      watch: { node: 'a' },
      actions: [{ type: 'send', node: 'a', values: [10, 11] }],
      expect: 'start holds 10 and 11.',
      shows: { outputs: FIRST_RUN, queues: { a: [10, 11] } },
    },
    {
      title: 'Round the circle',
      text:
        'start turns 10 into 11 and 11 into 12. 12 is even and goes to the doubler. 11 is odd, and this time the branch sends it to the recycler, which sends it on to the sink unchanged.\n\n' +
        'Try it with another seed: the random choices change, and an item may go round the circle (recycler → start) more than once.',
      watch: { node: 'r' },
      run: 'to-end',
      expect: 'The sink prints 11, then 2x12, as in the seed.',
      shows: { outputs: [...FIRST_RUN, 'Sink got: 11', 'Sink got: 2x12'] },
    },
  ],
})
