/**
 * Demos, and how a lesson drives a run. A demo is a mesh document whose
 * `lesson` (document version 3: see engine/lesson.ts and docs/lessons.md)
 * is written here, in TypeScript beside its `.mesh.json`, and checked by
 * parseDocument like any lesson from a link or a file. Opening a step
 * applies its actions to the run (sends, tasklet calls, a switch of
 * scheduler, mode or seed, an edited mesh) and then runs it as the step
 * says. Steps build on each other: step k is what steps 0..k did in order,
 * so going back means replaying from tick 0 (`openLessonStep`).
 */
import { idRecord, pyStr, restartsRun, runActionOf, Timeline, type Lesson, type LessonStep, type MeshDocument, type SchedulerKind, type SchedulerMode, type Value } from '../engine'
import { demoDocument } from './documents'

/**
 * What the run shows once a demo's step has been played: the demo tests
 * check it, and so can e2e tests. Test data, not part of the lesson format:
 * a teacher's lesson says what to watch in words (`expect`) and asks
 * questions whose answers the engine computes, so nothing the author types
 * can go stale when the mesh changes.
 */
export interface LessonShows {
  /** Every sink line printed since tick 0, in order: "Sink got: 2x2". */
  outputs?: string[]
  /** These nodes' queues, head first. */
  queues?: Record<string, Value[]>
  tick?: number
}

/** A demo's step as its file writes it: the lesson step, and what its run shows (test data). */
export type DemoStep = LessonStep & { shows?: LessonShows }

export interface Demo {
  /** Opens with `?demo=<id>`. */
  id: string
  title: string
  /** One line for the gallery. */
  summary: string
  /** The mesh and its lesson, as a link or a file would carry them. */
  document: MeshDocument & { lesson: Lesson }
  /** What each step's run shows, by step (test data: see LessonShows). */
  shows: readonly (LessonShows | undefined)[]
  /** Schedulers the compare view runs side by side for this demo. */
  compare?: { scheduler: SchedulerKind; mode: SchedulerMode }[]
}

/** A demo from its mesh (a `.mesh.json`'s data, or a document) and its steps: the lesson is read by parseDocument, as any lesson is. */
export function defineDemo(spec: { id: string; title: string; summary: string; mesh: unknown; steps: DemoStep[]; compare?: Demo['compare'] }): Demo {
  const steps = spec.steps.map(({ shows: _, ...step }) => step)
  const document = demoDocument({ ...(spec.mesh as object), lesson: { title: spec.title, steps } })
  if (!document.lesson) throw new Error(`the demo ${spec.id} lost its lesson`)
  const demo: Demo = { id: spec.id, title: spec.title, summary: spec.summary, document: { ...document, lesson: document.lesson }, shows: spec.steps.map((s) => s.shows) }
  if (spec.compare) demo.compare = spec.compare
  return demo
}

const meshes = new WeakMap<MeshDocument, MeshDocument>()

/**
 * The document a lesson's run goes on with: the mesh without its lesson (a
 * step's `update` replaces the mesh, never the lesson). The same object for
 * the same document, so a run of it is known for the document's own.
 */
export function lessonless(document: MeshDocument): MeshDocument {
  if (!document.lesson) return document
  let mesh = meshes.get(document)
  if (!mesh) {
    const { lesson: _, ...rest } = document
    mesh = rest
    meshes.set(document, mesh)
  }
  return mesh
}

/** Applies a step's actions, then runs it as it says. An action on a node the run does not have does nothing. */
export function playStep(timeline: Timeline, step: LessonStep): void {
  for (const action of step.actions ?? []) {
    const run = timeline.sim.document
    const done = runActionOf(action, run)
    if (!done) continue
    if (done.type === 'update' && restartsRun(action, run)) timeline.reset(done.document)
    else timeline.apply(done)
  }
  const go = step.run
  if (go === 'step') timeline.step()
  else if (go === 'to-end') timeline.run()
  else if (go && 'ticks' in go) timeline.run(go.ticks)
  else if (go && go.seek > timeline.tick) timeline.run(go.seek - timeline.tick)
  else if (go) timeline.seek(go.seek)
}

/** A fresh run of the document with steps 0 to `index` of its lesson played. */
export function openLessonStep(document: MeshDocument, index: number, timeline = new Timeline(lessonless(document))): Timeline {
  timeline.reset(lessonless(document))
  for (const step of document.lesson?.steps.slice(0, index + 1) ?? []) playStep(timeline, step)
  return timeline
}

/** What the run shows now, in the terms of `LessonShows` (every queue, every sink line). */
export function showing(timeline: Timeline): Required<LessonShows> {
  const sim = timeline.sim
  const queues = idRecord<Value[]>()
  for (const node of sim.order) queues[node.id] = node.tasklet.items.toArray()
  return { tick: sim.tick, outputs: sim.outputs.toArray().map((o) => `Sink got: ${pyStr(o.value)}`), queues }
}
