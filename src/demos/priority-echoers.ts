import { demoDocument } from './documents'
import { defineDemo, type Demo } from './lesson'
import json from './priority-echoers.mesh.json'

const document = demoDocument(json)
const SEED_ORDER = ['Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Hello, world!', 'Bonjour, world!', 'Ola, world!']
const INCREMENTAL_ORDER = ['Hello, world!', 'Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Bonjour, world!', 'Ola, world!']
const sinkLines = (items: string[]) => items.map((item) => `Sink got: ${item}`)

/** The seed's PriorityScheduler example; seed 878 draws the seed's priorities, 15 and 8. */
export const priorityEchoers: Demo = defineDemo({
  id: 'priority-echoers',
  title: 'The priority echoers',
  summary: "Two echoers at random priorities and a sink at 1000: the seed's PriorityScheduler, flush and incremental.",
  mesh: document,
  compare: [
    { scheduler: 'priority', mode: 'flush' },
    { scheduler: 'priority', mode: 'next' },
  ],
  steps: [
    {
      title: 'Priorities',
      text:
        'The seed\'s priority example. echoer_world and echoer_womb each add their suffix to whatever they get ("Hello" becomes "Hello, world!") and send it to the sink.\n\n' +
        "Each tasklet has a priority, and lower runs first. The sink's is 1000. The echoers' is random_priority(), a number from 1 to 20 drawn again every time the scheduler puts them in its queue.",
      watch: { node: 'e1' },
      expect: 'echoer_world holds Hello, Bonjour, Ola; echoer_womb holds Goodbye, Au revoir, Ciao.',
      shows: { tick: 0, outputs: [], queues: { e1: ['Hello', 'Bonjour', 'Ola'], e2: ['Goodbye', 'Au revoir', 'Ciao'], s: [] } },
    },
    {
      title: 'Fill, then the lowest first',
      text:
        "scheduler.flush() first fills its priority queue with every tasklet that has items, drawing their priorities: 15 for echoer_world and 8 for echoer_womb, as in the seed's printout. It takes the lowest, echoer_womb, and flushes it.\n\n" +
        'One activation: echoer_womb takes "Goodbye".',
      watch: { node: 'e2' },
      run: 'step',
      expect: 'The trace shows "Scheduler executes echoer_womb on priority 8"; the sink holds "Goodbye, womb!".',
      shows: { tick: 1, outputs: [], queues: { e2: ['Au revoir', 'Ciao'], s: ['Goodbye, womb!'] } },
    },
    {
      title: "The seed's output",
      text: 'echoer_womb drains its queue, then echoer_world (15). The sink was empty at the fill, so it waits for the next one; then it runs at 1000 and prints everything, in the order it arrived.',
      watch: { node: 's' },
      run: 'to-end',
      expect: "The sink prints the womb! lines, then the world! lines: the seed's output.",
      shows: { outputs: sinkLines(SEED_ORDER) },
    },
    {
      title: 'Incremental',
      text: 'scheduler.flush(incremental=True) runs task.next() instead of task.flush(): one item, then the tasklet goes back into the queue with a fresh random priority ("Scheduler puts echoer_womb back into priority queue."). The same items are queued again, and the mode is now next.',
      watch: { node: 'e1' },
      actions: [
        { type: 'set', mode: 'next' },
        { type: 'send', node: 'e1', values: ['Hello', 'Bonjour', 'Ola'] },
        { type: 'send', node: 'e2', values: ['Goodbye', 'Au revoir', 'Ciao'] },
      ],
      expect: 'Both echoers hold their three items again; the mode reads next.',
      shows: { queues: { e1: ['Hello', 'Bonjour', 'Ola'], e2: ['Goodbye', 'Au revoir', 'Ciao'] } },
    },
    {
      title: 'Interleaved',
      text:
        'Now the echoers take turns, item by item, as their fresh priorities fall. The sink still goes last (1000 is never below 20), and it too goes back into the queue after each item.\n\n' +
        'Run it again with another seed, or compare flush and incremental side by side.',
      watch: { node: 's' },
      run: 'to-end',
      expect: 'The world! and womb! lines now come mixed: Hello, world! first this time.',
      shows: { outputs: sinkLines([...SEED_ORDER, ...INCREMENTAL_ORDER]) },
    },
  ],
})
