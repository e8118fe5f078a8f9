/**
 * A lesson, carried in the mesh document (version 3, `lesson`): steps a
 * learner follows, each with its text (plain text in a small safe markup,
 * see docs/lessons.md), what to watch, what the step does to the run when
 * it is reached, and optionally a question, a challenge and a hint. It
 * travels wherever the document does: links, files, the embed view.
 *
 * The schema here reads a lesson from untrusted data; the meshes its
 * `update` actions carry are documents of their own, read by
 * `parseDocument` (document.ts), which also checks the bounds that span
 * the whole lesson. Node and wire ids a step names are not checked against
 * the mesh: a teacher may delete a node a step names, and the lesson still
 * opens; a step names what the run does not have does nothing there.
 */
import * as v from 'valibot'

import type { RunAction } from './action-log'
import { ChallengeSchema, copyChallenge, type Challenge } from './challenge'
import type { MeshDocument } from './document'
import { MODES, SCHEDULERS, type SchedulerKind, type SchedulerMode } from './modes'
import { copyQuestion, QuestionSchema, type Question } from './question'
import { Id, Int, Text, ValueSchema } from './schema-parts'
import type { Value } from './value'

/** A lesson has at most this many steps. */
export const MAX_LESSON_STEPS = 100
/** A step's text: at most this many characters. */
export const MAX_STEP_TEXT = 8_000
/** All of a lesson's text together (titles, texts, expectations, hints, questions): at most this many characters. */
export const MAX_LESSON_TEXT = 100_000
/** A step's actions: at most this many. */
export const MAX_STEP_ACTIONS = 100
/** A lesson's `update` actions: at most this many, carrying at most MAX_NODES nodes in all. */
export const MAX_LESSON_UPDATES = 20
/** A step's title, and the lesson's. */
export const MAX_LESSON_TITLE = 200
/** A step's `expect` and `hint`. */
export const MAX_STEP_NOTE = 2_000

/** What a step asks the learner to watch: a node (ringed on the canvas), its queue, a wire (by edge id), or a line of the printout (from 1). */
export type LessonWatch = { node: string } | { queue: string } | { wire: string } | { output: number }

/** The tasklet calls a step may make by hand (the seed's Part 2 API). */
export const TASKLET_CALLS = ['next', 'last', 'flush', 'clear', 'close', 'restart'] as const
export type TaskletCall = (typeof TASKLET_CALLS)[number]

/**
 * What a step does to the run when it is reached, in order: send values to
 * a tasklet, call one of its methods, switch the scheduler or mode (or the
 * seed, which starts the run again from tick 0 with it), or replace the mesh
 * with another (`update`: a whole mesh document, without a lesson, which the
 * run goes on with, as an edit mid-run does).
 */
export type LessonAction =
  | { type: 'send'; node: string; values: Value[] }
  | { type: TaskletCall; node: string }
  | { type: 'set'; scheduler?: SchedulerKind; mode?: SchedulerMode; seed?: number }
  | { type: 'update'; document: MeshDocument }

/** Then the run goes: one activation, until no work is left (or a limit), some ticks, or to a tick (back or forth). */
export type LessonRun = 'step' | 'to-end' | { ticks: number } | { seek: number }

/** The run panels a step may open. */
export const LESSON_PANELS = ['scheduler', 'output', 'trace', 'stats', 'queues', 'breakpoints', 'compare'] as const
export type LessonPanelName = (typeof LESSON_PANELS)[number]

export interface LessonStep {
  title: string
  /** Plain text in the lesson markup: paragraphs split by blank lines, `*emphasis*`, `` `code` ``, lines starting `- ` a list. Never HTML. */
  text: string
  watch?: LessonWatch
  /** Applied to the run, in order, when the step opens. */
  actions?: LessonAction[]
  run?: LessonRun
  /** A run panel the step opens, to show what its text is about. */
  opens?: LessonPanelName
  /** A node the step selects (the inspector shows it). */
  select?: string
  /** What to watch, in a sentence. */
  expect?: string
  /** A predict-then-reveal question the step asks (see question.ts). */
  question?: Question
  /** A goal the engine checks against the run (see challenge.ts). */
  challenge?: Challenge
  /** A hint for the challenge, shown when asked for. */
  hint?: string
}

export interface Lesson {
  /** What the lesson panel calls it; the document's title when absent. */
  title?: string
  steps: LessonStep[]
}

const WatchSchema = v.union(
  [v.strictObject({ node: Id }), v.strictObject({ queue: Id }), v.strictObject({ wire: Id }), v.strictObject({ output: Int(1, 1_000_000) })],
  'is not { "node": id }, { "queue": id }, { "wire": id } or { "output": line }',
)

/** An `update` action's mesh, read as a document of its own by parseDocument (document.ts). */
const NestedDocument = v.looseObject({}, 'is not a mesh document (a JSON object)')

const ActionSchema = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('send'), node: Id, values: v.pipe(v.array(ValueSchema), v.maxLength(10_000, 'has more than 10000 values')) }),
    v.strictObject({ type: v.picklist(TASKLET_CALLS), node: Id }),
    v.strictObject({
      type: v.literal('set'),
      scheduler: v.optional(v.picklist(SCHEDULERS, `is not a scheduler (${SCHEDULERS.join(', ')})`)),
      mode: v.optional(v.picklist(MODES, `is not a mode (${MODES.join(', ')})`)),
      seed: v.optional(Int(0, 0xffff_ffff)),
    }),
    v.strictObject({ type: v.literal('update'), document: NestedDocument }),
  ],
  `is not a lesson action (its type is send, ${TASKLET_CALLS.join(', ')}, set or update)`,
)

const RunSchema = v.union(
  [v.picklist(['step', 'to-end']), v.strictObject({ ticks: Int(1, 1_000_000_000) }), v.strictObject({ seek: Int(0, 1_000_000_000) })],
  'is not "step", "to-end", { "ticks": n } or { "seek": tick }',
)

const StepSchema = v.object({
  title: Text(MAX_LESSON_TITLE),
  text: v.optional(Text(MAX_STEP_TEXT), ''),
  watch: v.optional(WatchSchema),
  actions: v.optional(v.pipe(v.array(ActionSchema), v.maxLength(MAX_STEP_ACTIONS, `has more than ${MAX_STEP_ACTIONS} actions`))),
  run: v.optional(RunSchema),
  opens: v.optional(v.picklist(LESSON_PANELS, `is not a run panel (${LESSON_PANELS.join(', ')})`)),
  select: v.optional(Id),
  expect: v.optional(Text(MAX_STEP_NOTE)),
  question: v.optional(QuestionSchema),
  // Lazy: challenge.ts reaches document.ts (through the run it checks), which reads lessons: the schema is there by the time a document is parsed.
  challenge: v.optional(v.lazy(() => ChallengeSchema)),
  hint: v.optional(Text(MAX_STEP_NOTE)),
})

/** A lesson as the schema reads it: each `update` action's document still unread (document.ts reads it). */
export const LessonSchema = v.object({
  title: v.optional(Text(MAX_LESSON_TITLE)),
  steps: v.pipe(v.array(StepSchema), v.minLength(1, 'has no steps (a lesson has at least one)'), v.maxLength(MAX_LESSON_STEPS, `has more than ${MAX_LESSON_STEPS} steps`)),
})

export type ParsedLesson = v.InferOutput<typeof LessonSchema>
type ParsedStep = ParsedLesson['steps'][number]

/** Every piece of text a lesson shows, for its bound in all (MAX_LESSON_TEXT). */
export function lessonTextLength(lesson: { title?: string; steps: readonly (ParsedStep | LessonStep)[] }): number {
  let n = lesson.title?.length ?? 0
  for (const step of lesson.steps) {
    n += step.title.length + step.text.length + (step.expect?.length ?? 0) + (step.hint?.length ?? 0)
    const q = step.question
    if (q) n += q.prompt.length + (q.explain?.length ?? 0) + (q.kind === 'choice' ? q.options.reduce((m, o) => m + o.length, 0) : 0)
  }
  return n
}

/**
 * A step read by the schema, made a LessonStep, its `update` documents read
 * by `readDocument` (parseDocument, without a lesson of their own); the
 * errors it finds are pushed, named by field.
 */
export function checkStep(step: ParsedStep, at: string, readDocument: (input: Record<string, unknown>, at: string) => MeshDocument | null): LessonStep {
  let actions: LessonAction[] | undefined
  if (step.actions) {
    const read: LessonAction[] = []
    step.actions.forEach((action, j) => {
      if (action.type === 'update') {
        const document = readDocument(action.document, `${at}actions[${j}].document`)
        if (document) read.push({ type: 'update', document })
      } else read.push(copyAction(action))
    })
    actions = read
  }
  return stepWith(step, actions)
}

/** A step, field by field (optional fields absent, not undefined), with `actions` for its actions. */
function stepWith(step: ParsedStep | LessonStep, actions: LessonAction[] | undefined): LessonStep {
  const out: LessonStep = { title: step.title, text: step.text }
  if (step.watch) out.watch = copyWatch(step.watch)
  if (actions) out.actions = actions
  if (step.run !== undefined) out.run = copyRun(step.run)
  if (step.opens !== undefined) out.opens = step.opens
  if (step.select !== undefined) out.select = step.select
  if (step.expect !== undefined) out.expect = step.expect
  if (step.question) out.question = copyQuestion(step.question)
  if (step.challenge) out.challenge = copyChallenge(step.challenge)
  if (step.hint !== undefined) out.hint = step.hint
  return out
}

const copyWatch = (w: LessonWatch): LessonWatch => ('node' in w ? { node: w.node } : 'queue' in w ? { queue: w.queue } : 'wire' in w ? { wire: w.wire } : { output: w.output })
const copyRun = (r: LessonRun): LessonRun => (typeof r === 'string' ? r : 'ticks' in r ? { ticks: r.ticks } : { seek: r.seek })

function copyAction(a: Exclude<LessonAction, { type: 'update' }>): LessonAction {
  switch (a.type) {
    case 'send':
      return { type: 'send', node: a.node, values: [...a.values] }
    case 'set': {
      const set: LessonAction = { type: 'set' }
      if (a.scheduler !== undefined) set.scheduler = a.scheduler
      if (a.mode !== undefined) set.mode = a.mode
      if (a.seed !== undefined) set.seed = a.seed
      return set
    }
    default:
      return { type: a.type, node: a.node }
  }
}

/** A lesson's copy, field by field, its `update` documents copied by `copyMesh` (document-copy.ts's copyDocument). */
export function copyLesson(lesson: Lesson, copyMesh: (doc: MeshDocument) => MeshDocument): Lesson {
  const steps = lesson.steps.map((step) => copyStep(step, copyMesh))
  return lesson.title !== undefined ? { title: lesson.title, steps } : { steps }
}

function copyStep(step: LessonStep, copyMesh: (doc: MeshDocument) => MeshDocument): LessonStep {
  return stepWith(
    step,
    step.actions?.map((a) => (a.type === 'update' ? { type: 'update', document: copyMesh(a.document) } : copyAction(a))),
  )
}

/**
 * The run action a lesson action is on a run whose document is `run`, or
 * null when it does nothing there (a node the run does not have; a written
 * policy the document does not carry). A `set` of the scheduler or mode is
 * an update of the run's own document; a `set` of the seed is one too, and
 * `restartsRun` says the run must start again from tick 0 for it to count.
 */
export function runActionOf(action: LessonAction, run: MeshDocument): RunAction | null {
  switch (action.type) {
    case 'update':
      return { type: 'update', document: action.document }
    case 'set': {
      const document: MeshDocument = { ...run }
      if (action.scheduler !== undefined) document.scheduler = action.scheduler
      if (action.mode !== undefined) document.mode = action.mode
      if (action.seed !== undefined) document.seed = action.seed
      if (document.scheduler === 'policy' && !document.policy) return null
      return { type: 'update', document }
    }
    case 'send':
      return run.nodes.some((n) => n.id === action.node) ? { type: 'send', node: action.node, values: [...action.values] } : null
    default:
      return run.nodes.some((n) => n.id === action.node) ? { type: action.type, node: action.node } : null
  }
}

/** Whether the action changes the seed: the run starts again from tick 0 with the new one (a run's random numbers are drawn from its start). */
export function restartsRun(action: LessonAction, run: MeshDocument): boolean {
  return action.type === 'set' && action.seed !== undefined && action.seed !== run.seed
}

/** The node a watch rings on the canvas, if it names one (a wire rings its own path; an output line, the node that printed it: see the store). */
export function watchedNode(watch: LessonWatch | undefined): string | null {
  if (!watch) return null
  if ('node' in watch) return watch.node
  if ('queue' in watch) return watch.queue
  return null
}

/**
 * A short, stable name of a lesson's content (two 32-bit FNV-1a hashes of
 * its JSON, in hex): progress is kept under it, so an edited lesson starts
 * afresh and the same lesson from a link or a file finds its place again.
 */
export function lessonKey(lesson: Lesson): string {
  const text = JSON.stringify(lesson)
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
