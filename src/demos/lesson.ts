/**
 * Demos and their lessons as typed data, and how a lesson drives a run.
 * A lesson is a list of steps; opening a step applies its actions to the
 * run (sends, tasklet calls, an edited document) and then runs it as the
 * step says. Steps build on each other: step k is what steps 0..k did in
 * order, so going back means replaying from tick 0 (`openLessonStep`).
 */
import { idRecord, pyStr, Timeline, type Challenge, type MeshDocument, type Question, type RunAction, type SchedulerKind, type SchedulerMode, type Value } from '../engine'

export interface LessonStep {
  title: string
  /** Plain text; paragraphs separated by blank lines. */
  text: string
  /** A node id to point at. */
  focus?: string
  /** Applied to the run, in order, when the step opens. */
  actions?: RunAction[]
  /** Then the run goes: one activation, until no work is left (or a limit), or a number of ticks. */
  run?: 'step' | 'to-end' | { ticks: number }
  /** What to watch, in a sentence. */
  expect?: string
  /** A run panel the step opens, to show what its text is about. */
  opens?: 'scheduler' | 'output' | 'trace' | 'stats' | 'queues' | 'breakpoints' | 'compare'
  /** What the run shows once the step has been played: the demo tests check it, and so can e2e tests. */
  shows?: LessonShows
  /** A goal the engine checks against the run (its document, seed and picks), shown with won or not yet (see engine/challenge.ts). */
  challenge?: Challenge
  /** A hint for the challenge, shown when asked for. */
  hint?: string
  /** A predict-then-reveal question the step asks before it is played on (see engine/question.ts). */
  question?: Question
}

export interface LessonShows {
  /** Every sink line printed since tick 0, in order: "Sink got: 2x2". */
  outputs?: string[]
  /** These nodes' queues, head first. */
  queues?: Record<string, Value[]>
  tick?: number
}

export interface Demo {
  /** Opens with `?demo=<id>`. */
  id: string
  title: string
  /** One line for the gallery. */
  summary: string
  document: MeshDocument
  lesson: LessonStep[]
  /** Schedulers the compare view runs side by side for this demo. */
  compare?: { scheduler: SchedulerKind; mode: SchedulerMode }[]
}

/** Applies a step's actions, then runs it as it says. */
export function playStep(timeline: Timeline, step: LessonStep): void {
  for (const action of step.actions ?? []) timeline.apply(action)
  if (step.run === 'step') timeline.step()
  else if (step.run === 'to-end') timeline.run()
  else if (step.run) timeline.run(step.run.ticks)
}

/** A fresh run of the demo with steps 0 to `index` played. */
export function openLessonStep(demo: Demo, index: number, timeline = new Timeline(demo.document)): Timeline {
  timeline.reset(demo.document)
  for (const step of demo.lesson.slice(0, index + 1)) playStep(timeline, step)
  return timeline
}

/** What the run shows now, in the terms of `LessonShows` (every queue, every sink line). */
export function showing(timeline: Timeline): Required<LessonShows> {
  const sim = timeline.sim
  const queues = idRecord<Value[]>()
  for (const node of sim.order) queues[node.id] = node.tasklet.items.toArray()
  return { tick: sim.tick, outputs: sim.outputs.toArray().map((o) => `Sink got: ${pyStr(o.value)}`), queues }
}
