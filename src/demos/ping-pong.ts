import { defineDemo, type Demo } from './lesson'
import json from './ping-pong.mesh.json'

/** The seed's recursion example: two tasklets sending to each other 10,000 times each. */
export const pingPong: Demo = defineDemo({
  id: 'ping-pong',
  title: 'Ping-pong without a stack',
  summary: 'Two tasklets sending to each other 10,000 times each, and no stack grows: the seed\'s "first has 10001".',
  mesh: json,
  steps: [
    {
      title: 'Two tasklets, one circle',
      text:
        'In "Meshing Part 2" two tasklets target each other: first adds one and sends to second, second sends it back. Called as functions, they would recurse until Python\'s recursion limit. As tasklets, a send only queues the item, so every activation starts from an empty stack.\n\n' +
        'Here both are start tasklets, wired to each other. first holds 1.',
      watch: { node: 'first' },
      expect: 'first holds 1.',
      shows: { tick: 0, queues: { first: [1], second: [] } },
    },
    {
      title: 'Back and forth',
      text: 'The taskmaster in next mode: first takes 1 and sends 2; second takes 2 and sends 3 back to first.',
      watch: { node: 'second' },
      run: { ticks: 2 },
      expect: 'first holds 3; second is empty again.',
      shows: { tick: 2, queues: { first: [3], second: [] } },
    },
    {
      title: '10,000 times each',
      text:
        'The seed ran [task.next() for i in range(10000) for task in [first, second]]: 20,000 activations, and printed "first has 10001". This mesh has a budget of 20,000 activations, so the run stops there: each tasklet has taken 10,000 items.\n\n' +
        "In the seed only first added one, so first ended at 10001. Here both are start tasklets and both add one, so the number in first's queue is 1 + 2 × 10,000 = 20001. Either way the stack never grew.",
      watch: { node: 'first' },
      run: 'to-end',
      expect: "The run stops at tick 20,000 on its budget, with 20001 in first's queue.",
      shows: { tick: 20_000, queues: { first: [20_001], second: [] } },
    },
  ],
})
