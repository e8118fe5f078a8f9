import type { LessonAction, Value } from '../engine'
import { demoDocument, rewired } from './documents'
import { defineDemo, type Demo } from './lesson'
import json from './smart-router.mesh.json'

const document = demoDocument(json)
/** The wire from router to the doubler taken away: router's out port goes to the tripler only. */
const withoutDoubler = rewired(document, 'router', 'out', 'tripler')

const send = (node: string, ...values: Value[]): LessonAction => ({ type: 'send', node, values })
const printed = (...items: string[]) => items.map((item) => `Sink got: ${item}`)
const FIRST_RUN = printed('2x2', '2x4', '3x3', '3x5')
const PAST_THE_WIRES = [...FIRST_RUN, ...printed('hello', '2x12', '3x11')]

/** The seed's idea that nodes are "programs unto themselves": a code node that chooses, and learns, where each item goes. */
export const smartRouter: Demo = defineDemo({
  id: 'smart-router',
  title: 'Smart nodes: a router that learns',
  summary: 'A code node decides where each item goes, remembers it, sends past the wires and learns anew when they change: nodes as "programs unto themselves".',
  mesh: document,
  steps: [
    {
      title: 'A node that is a program',
      text:
        'The articles put the idea of a mesh this way: nodes "can rewire the pathways as they see fit. Nodes are smart, and contain internal logic that allows them to become more than just dumb processing stations in a pre-configured chain. They\'re programs unto themselves."\n\n' +
        "The built-in kinds cannot show that: a doubler always sends to its target. router is a code node, a coroutine written in JavaScript and shaped like the seed's, which decides for itself where each item goes. Select it to read its code in the inspector; you can change it, too.\n\n" +
        'start holds 1, 2, 3 and 4. It adds one to each and passes them to router.',
      watch: { node: 'router' },
      expect: 'start holds 1, 2, 3, 4; router has nothing yet.',
      shows: { tick: 0, outputs: [], queues: { start: [1, 2, 3, 4], router: [], doubler: [], tripler: [] } },
    },
    {
      title: 'It decides, and remembers',
      text:
        'The taskmaster gives start its turn first: it sends 2, 3, 4 and 5 to router. Then router takes 2.\n\n' +
        "A wire is no order here. router's out port is wired to both the doubler and the tripler, and its code picks one: 2 is the first even number it has seen, so it takes the next node in turn, the doubler, and remembers that even numbers go there.",
      watch: { node: 'router' },
      run: { ticks: 5 },
      expect: 'router has sent 2 to the doubler; 3, 4 and 5 wait in its queue.',
      shows: { tick: 5, outputs: [], queues: { router: [3, 4, 5], doubler: [2], tripler: [] } },
    },
    {
      title: 'Run until no work is left',
      text: '3 is the first odd number, so it goes to the next node in turn, the tripler, and router remembers that too. 4 and 5 go the ways it learned, with no choosing.',
      watch: { node: 'sink' },
      run: 'to-end',
      expect: 'The sink prints 2x2, 2x4, 3x3, 3x5: every even number went through the doubler, every odd one through the tripler.',
      shows: { outputs: FIRST_RUN, queues: { start: [], router: [], doubler: [], tripler: [], sink: [] } },
    },
    {
      title: 'Past the wires',
      text:
        'In a mesh a node "can also send work to zero or more other nodes in the entire mesh". Here router is sent a word, hello, and start 10 and 11.\n\n' +
        'A word is not for the workers: router sends it straight to the sink, though no wire joins the two (self.sendTo reaches any node). And it still knows its ways: 11 goes to the tripler and 12 to the doubler, without choosing again.',
      watch: { node: 'router' },
      actions: [send('router', 'hello'), send('start', 10, 11)],
      run: 'to-end',
      expect: 'The sink prints hello, then 2x12 and 3x11.',
      shows: { outputs: PAST_THE_WIRES },
    },
    {
      title: 'Take a wire away: it learns anew',
      text:
        'Now the wire from router to the doubler is gone, as if you had deleted it, and start is sent 20 and 21. 21 is odd and goes the way router learned, to the tripler. 22 is even, but the way router learned for even numbers is no longer there, so it chooses again among the wires it has: the tripler.\n\n' +
        'Your turn: draw more wires from router, edit its code or pick a starter template in the inspector, and run again.',
      watch: { node: 'tripler' },
      actions: [{ type: 'update', document: withoutDoubler }, send('start', 20, 21)],
      run: 'to-end',
      expect: 'The sink prints 3x21 and 3x22: even numbers go through the tripler now.',
      shows: { outputs: [...PAST_THE_WIRES, ...printed('3x21', '3x22')], queues: { router: [], doubler: [], tripler: [] } },
    },
  ],
})
