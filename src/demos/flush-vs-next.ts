import { demoDocument } from './documents'
import { defineDemo, type Demo } from './lesson'
import json from './flush-vs-next.mesh.json'

const document = demoDocument(json)
const FLUSHED = ['2x2', '2x3', '2x4', '3x2', '3x3', '3x4'].map((item) => `Sink got: ${item}`)
const INTERLEAVED = ['2x2', '3x2', '2x3', '3x3', '2x4', '3x4'].map((item) => `Sink got: ${item}`)

/** One small mesh under the taskmaster's two modes. */
export const flushVsNext: Demo = defineDemo({
  id: 'flush-vs-next',
  title: 'Flush versus next',
  summary: 'The same mesh under task.flush() and task.next(): whole queues at a time, or one item each in turn.',
  mesh: document,
  compare: [
    { scheduler: 'taskmaster', mode: 'flush' },
    { scheduler: 'taskmaster', mode: 'next' },
  ],
  steps: [
    {
      title: 'One mesh',
      text: 'start sends each item, plus one, to both the doubler and the tripler (a port wired twice sends to each, in the order the wires were made); both send to the sink. start holds 1, 2, 3. The mode is flush.',
      watch: { node: 'a' },
      expect: 'start holds 1, 2, 3.',
      shows: { tick: 0, outputs: [], queues: { a: [1, 2, 3] } },
    },
    {
      title: 'flush: whole queues',
      text: "In its turn each tasklet drains its queue: start all three items, then the doubler all of its, then the tripler, then the sink. The taskmaster's docstring: for large meshes, flushing is the efficient choice.",
      watch: { node: 's' },
      run: 'to-end',
      expect: "The sink prints all the doubler's items, then all the tripler's.",
      shows: { outputs: FLUSHED },
    },
    {
      title: 'Switch to next',
      text: 'Now the mode is next: task.flush() changed to task.next(), "for more fine-grained interleaving". The same three items are queued again. One round of the taskmaster: each tasklet takes one item.',
      watch: { node: 'a' },
      actions: [
        { type: 'set', mode: 'next' },
        { type: 'send', node: 'a', values: [1, 2, 3] },
      ],
      run: { ticks: 4 },
      expect: 'After one round the sink has printed 2x2, start still holds 2 and 3, and 3x2 waits at the sink.',
      shows: { tick: 19, outputs: [...FLUSHED, 'Sink got: 2x2'], queues: { a: [2, 3], d: [], t: [], s: ['3x2'] } },
    },
    {
      title: 'next: interleaved',
      text: "Round after round, one item each: the doubler's and the tripler's items now reach the sink in turn.",
      watch: { node: 's' },
      run: 'to-end',
      expect: 'The sink prints 2x2, 3x2, 2x3, 3x3, 2x4, 3x4.',
      shows: { outputs: [...FLUSHED, ...INTERLEAVED] },
    },
    {
      title: 'Side by side',
      opens: 'compare',
      text: 'The compare view runs this mesh under both modes from the same start: the same outputs in a different order, and how long each queue grew. Try it with the Part 3 mesh too.',
    },
  ],
})
