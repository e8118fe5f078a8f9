import type { LessonAction } from '../engine'
import { demoDocument } from './documents'
import { defineDemo, type Demo, LessonShows } from './lesson'
import json from './you-are-the-scheduler.mesh.json'

const document = demoDocument(json)

/** Each challenge starts afresh: the picks of the step before are taken back, and the run goes back to tick 0. */
const afresh: LessonAction[] = [{ type: 'update', document }]
const atStart: LessonShows = { tick: 0, outputs: [], queues: { a: [0, 1, 2, 3, 4, 5, 6, 7], b: [], r: [], s: [] } }

/**
 * The learner as the scheduler (issue 12, "You are the scheduler"): the
 * Part 3 mesh with eight items and seed 12, scheduled by hand, and three
 * challenges the engine checks — an order of outputs, a starved tasklet,
 * and a drain in as few activations as the mesh allows (the taskmaster
 * and the priority scheduler take 38; 32 is the least).
 */
export const youAreTheScheduler: Demo = defineDemo({
  id: 'you-are-the-scheduler',
  title: 'You are the scheduler',
  summary: 'Pick which tasklet runs next, by clicking its card or pressing its number, and win three challenges: an order of outputs, a starved tasklet, a fast drain.',
  mesh: document,
  steps: [
    {
      title: 'You pick who runs',
      text:
        'Until now a scheduler chose which tasklet runs next: the taskmaster gives each one a turn in order, the priority scheduler takes the lowest priority first. Here you choose. This is the Part 3 mesh with eight items, 0 to 7, waiting in start\'s queue, and "hand" as its scheduler.\n\n' +
        "While you are the scheduler every card has a number, its place in the mesh's order: 1 sink, 2 doubler, 3 tripler, 4 branch, 5 start, 6 recycler. Click a card, or press its number, and that tasklet takes one item from its queue: one activation, one tick. Hold Shift, or switch Drain on (in the canvas's toolbar), and it drains its whole queue instead, as in the taskmaster's flush mode. A tasklet with nothing queued cannot be picked.\n\n" +
        'When you have not said who runs next, the run waits for you: your turn. Your picks are kept in the mesh: Step back and the timeline go back and forth along them, Undo takes the last one back, and a share link carries them.',
      watch: { node: 'a' },
      expect: 'start holds 0 to 7 and the run waits for your pick. Press 5: start takes 0 and sends 1 to the branch.',
      opens: 'scheduler',
      shows: atStart,
    },
    {
      title: 'Print 3x3 before 2x2',
      text:
        "The order things happen in is the scheduler's to choose, and so is the order of what the sink prints.\n\n" +
        "2x2 is the doubler's work on 2: start's 1, plus one. 3x3 is the tripler's on 3: start's 2, plus one, if the branch sends it right, to the tripler. For an odd item the branch draws a random number, 50/50 between the tripler and the recycler.",
      watch: { node: 's' },
      actions: afresh,
      challenge: { kind: 'order', outputs: ['3x3', '2x2'], node: 's' },
      hint: "start takes its items in order, so 2 reaches the branch before 3: keep the doubler's 2x2 out of the sink until 3x3 is printed. If the branch sends 3 to the recycler, step back (←) or undo that pick and let another tasklet draw first: the branch and the recycler draw from the same random numbers, one after another.",
      shows: atStart,
    },
    {
      title: 'Starve the recycler',
      text:
        'A scheduler that leaves a tasklet waiting with work, tick after tick, starves it. The taskmaster never does: each round gives every tasklet its turn. A priority scheduler can, when a low priority keeps coming first; and so can you.\n\n' +
        'Starve the recycler: once it has an item, keep it waiting while the others run, for 20 ticks in a row.',
      watch: { node: 'r' },
      actions: afresh,
      challenge: { kind: 'starve', node: 'r', ticks: 20 },
      hint: 'Odd items go to the recycler when the branch draws so: pick the branch (4) for odd items until one lands there. Then keep the others busy (start and the branch have plenty to do) and do not pick the recycler (6) until the challenge says won.',
      shows: atStart,
    },
    {
      title: 'Drain it in 32',
      text:
        'Every item needs four activations on its way to the sink: start, the branch, the doubler, tripler or recycler, and the sink. Eight items: 32 activations. An item the recycler sends back to start goes round again, three activations more.\n\n' +
        'The taskmaster takes 38 activations to drain this mesh, in flush mode and in next mode, and so does the priority scheduler. Drain it in 32.',
      watch: { node: 'r' },
      actions: afresh,
      challenge: { kind: 'drain', maxActivations: 32 },
      hint: "The branch (for odd items) and the recycler draw from the same random numbers, in the order they run. A draw that sends the recycler's item back to start only sends the branch's odd item to the recycler, which costs nothing more. So when the recycler sends an item back, step back, and give that draw to the branch instead.",
      shows: atStart,
    },
    {
      title: 'Keep your choices',
      text:
        'Make some picks, then press Keep my choices (as a policy), in the canvas\'s toolbar. Your picks become a written policy, "My picks": a function whose decision number k is your pick k, listed in its source one a line. It schedules the run from then on, the same as your picks did.\n\n' +
        'Then open Compare and put it beside the taskmaster and the priority scheduler: the same mesh and seed, their outputs and ticks side by side. A "hand" lane replays your picks and stops where they end.',
      actions: afresh,
      opens: 'compare',
      shows: atStart,
    },
  ],
  compare: [
    { scheduler: 'hand', mode: 'flush' },
    { scheduler: 'taskmaster', mode: 'flush' },
  ],
})
