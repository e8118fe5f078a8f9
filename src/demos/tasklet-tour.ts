import type { LessonAction, Value } from '../engine'
import { demoDocument, rewired, withNode } from './documents'
import { defineDemo, type Demo } from './lesson'
import json from './tasklet-tour.mesh.json'

const document = demoDocument(json)
/** The seed's task.set(tripler, sink()): the same tasklet, a tripler now. */
const asTripler = withNode(document, 'task', { kind: 'tripler' })
/** The seed's task.rescope(new_sink()): the same coroutine, a new target, the queue kept. */
const rescoped = rewired(asTripler, 'task', 'target', 'new_sink')

const send = (...values: Value[]): LessonAction => ({ type: 'send', node: 'task', values })
const on = (type: 'next' | 'last' | 'flush' | 'clear' | 'close' | 'restart', node = 'task'): LessonAction => ({ type, node })
const printed = (...items: string[]) => items.map((item) => `Sink got: ${item}`)

/** The seed's Part 2 tour of the Tasklet API, done by hand on a doubler wired to a sink. */
export const taskletTour: Demo = defineDemo({
  id: 'tasklet-tour',
  title: 'The Tasklet API tour',
  summary: "send, next, last, flush, clear, close, set, rescope and restart by hand: the seed's Part 2 example.",
  mesh: document,
  steps: [
    {
      title: 'A tasklet and its queue',
      text:
        "A tasklet is a coroutine plus a queue of work items. The seed's tour starts with task = Tasklet(doubler, sink()): a doubler whose target is a sink.\n\n" +
        "Here the sink is a tasklet too, so what the doubler sends waits in the sink's queue until the sink takes it. Each step below does by hand what the seed's code does, and then lets the sink print.",
      watch: { node: 'task' },
      expect: 'Both queues are empty; nothing has run.',
      shows: { tick: 0, outputs: [], queues: { task: [], sink: [], new_sink: [] } },
    },
    {
      title: 'send: nothing happens yet',
      text: 'task(1) and task.send(2) only queue: "Nothing has happened yet..."',
      watch: { node: 'task' },
      actions: [send(1, 2)],
      expect: 'task holds 1 and 2; the sink has printed nothing.',
      shows: { tick: 0, outputs: [], queues: { task: [1, 2] } },
    },
    {
      title: 'flush: all pending jobs',
      text: 'for pending in task: ... fires the queued items one after another until the queue is empty; task.flush() does the same. Then the sink takes what it got.',
      watch: { node: 'task' },
      actions: [on('flush'), on('flush', 'sink')],
      expect: 'The sink prints 2x1 and 2x2.',
      shows: { outputs: printed('2x1', '2x2'), queues: { task: [], sink: [] } },
    },
    {
      title: 'close',
      text: 'task.close() closes the coroutine. The seed\'s doubler caught GeneratorExit and sent "Doubler has closed." on its way out; the built-in doubler has no such clause, so here closing is silent. The tasklet now shows as closed.',
      watch: { node: 'task' },
      actions: [on('close')],
      expect: 'task is closed; the sink prints nothing new.',
      shows: { outputs: printed('2x1', '2x2') },
    },
    {
      title: 'set: a tripler now',
      text: "task.set(tripler, sink()) gives the closed tasklet a new coroutine: changing the node's kind does it here. Then task(4), task(5) and task.flush().",
      watch: { node: 'task' },
      actions: [{ type: 'update', document: asTripler }, send(4, 5), on('flush'), on('flush', 'sink')],
      expect: 'The sink prints 3x4 and 3x5.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5') },
    },
    {
      title: 'next: one item at a time',
      text: 'task(6).next() fires the next pending item, 6. task(7) queues 7 and task.next() fires it.',
      watch: { node: 'task' },
      actions: [send(6), on('next'), send(7), on('next'), on('flush', 'sink')],
      expect: 'The sink prints 3x6 and 3x7.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5', '3x6', '3x7') },
    },
    {
      title: 'last: from the other end',
      text: 'task(8) and task(9), then task.last() fires the last pending item, 9, and task.next() the one left, 8. One more task.next() does nothing: the queue is empty.',
      watch: { node: 'task' },
      actions: [send(8, 9), on('last'), on('next'), on('next'), on('flush', 'sink')],
      expect: 'The sink prints 3x9, then 3x8.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5', '3x6', '3x7', '3x9', '3x8'), queues: { task: [] } },
    },
    {
      title: 'clear',
      text: 'task(10) and task(11), then task.clear() empties the queue. task(12) and task.flush(): only 12 is left to fire.',
      watch: { node: 'task' },
      actions: [send(10, 11), on('clear'), send(12), on('flush'), on('flush', 'sink')],
      expect: 'The sink prints 3x12, and nothing for 10 or 11.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5', '3x6', '3x7', '3x9', '3x8', '3x12') },
    },
    {
      title: 'rescope: a new target',
      text: 'task.rescope(new_sink()) keeps the coroutine and the queue and changes only the arguments: here, the wire goes to new_sink instead. task(13).next(). The seed\'s new sink printed "New Sink got: 3x13"; every sink here prints "Sink got".',
      watch: { node: 'new_sink' },
      actions: [{ type: 'update', document: rescoped }, send(13), on('next'), on('flush', 'new_sink')],
      expect: 'new_sink prints 3x13.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5', '3x6', '3x7', '3x9', '3x8', '3x12', '3x13') },
    },
    {
      title: 'A closed tasklet does nothing',
      text: 'task.close(), then task(14).next(): "nothing happens here". The item is taken, and the closed coroutine does nothing with it.',
      watch: { node: 'task' },
      actions: [on('close'), send(14), on('next'), on('flush', 'new_sink')],
      expect: '14 leaves the queue and nothing is printed.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5', '3x6', '3x7', '3x9', '3x8', '3x12', '3x13'), queues: { task: [], new_sink: [] } },
    },
    {
      title: 'restart',
      text: 'task.restart() is set() again with the last arguments: a fresh tripler wired to new_sink. task(15).next().',
      watch: { node: 'task' },
      actions: [on('restart'), send(15), on('next'), on('flush', 'new_sink')],
      expect: 'new_sink prints 3x15: the tasklet works again.',
      shows: { outputs: printed('2x1', '2x2', '3x4', '3x5', '3x6', '3x7', '3x9', '3x8', '3x12', '3x13', '3x15') },
    },
  ],
})
