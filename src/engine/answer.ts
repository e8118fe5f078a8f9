/**
 * The engine's answers to a lesson's questions (question.ts): computed from
 * the run at the step, never written by the author, so they stay right when
 * the mesh changes. The real run is never touched: the answer comes from a
 * copy — a fresh Timeline replaying the run's history to its tick
 * (`Timeline.replaying`), then stepped on, with the run's own seeded
 * generator, as far as the question needs. `checkAnswer` compares what the
 * learner said with it and says what happened and why, in a sentence.
 */
import type { MeshDocument } from './document'
import { excerpt } from './hidden-text'
import type { CodeCompiler } from './kinds'
import type { Question } from './question'
import type { PolicyCompiler } from './schedulers'
import type { Simulation } from './simulation'
import { Timeline } from './timeline'
import type { TraceEvent } from './trace'
import { pyStr } from './value'

/** Ticks a copy of the run is stepped on for at most, looking for the next output or the node's next emit. */
export const ANSWER_TICKS = 10_000

/** The engine's answer, with the answer in words (`shown`) and what happened and why (`why`). */
export type Answer =
  /** The node the next step activates, or null when none runs (no work left, or a stop). */
  | { kind: 'next-tasklet'; node: string | null; shown: string; why: string }
  /** The next sink line the run prints (as `pyStr` prints the value), or null when nothing more is printed within ANSWER_TICKS. */
  | { kind: 'next-output'; text: string | null; node: string | null; tick: number | null; shown: string; why: string }
  | { kind: 'queue-length'; node: string; length: number; shown: string; why: string }
  /** The wire (edge id) the node's next emit goes along, and its target; both null when the node emits nothing more within ANSWER_TICKS, or its port is not wired. */
  | { kind: 'wire'; node: string; edge: string | null; target: string | null; shown: string; why: string }
  | { kind: 'choice'; index: number; shown: string; why: string }

/** An answer, or why the engine gives none (a mesh it cannot run here, a node the mesh does not have). */
export type AnswerResult = { ok: true; answer: Answer } | { ok: false; reason: string }

/** What the learner said: a node id (next-tasklet), a printed line or null for "nothing more" (next-output), a number (queue-length), an edge id or null for "none" (wire), an option's index (choice). */
export type Given = string | number | null

export interface AnswerCheck {
  right: boolean
  /** "Right: …" or "Not quite: …", what happened and why, then the author's explanation. */
  detail: string
}

export interface AnswerOptions {
  /** Compiles code nodes, as the run does; without it, a mesh with code nodes gets no answer. */
  compile?: CodeCompiler
  /** Compiles a written policy; without it, a mesh a written policy schedules gets no answer. */
  policy?: PolicyCompiler
  /** Ticks to look ahead for an output or an emit (ANSWER_TICKS unless set). */
  maxTicks?: number
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`
const quoted = (text: string) => excerpt(text, 60)

/** The answer to a question that needs no run (`choice`); for any other kind, no answer, for `reason`. */
export function answerWithoutRun(question: Question, reason: string): AnswerResult {
  if (question.kind !== 'choice') return { ok: false, reason }
  return { ok: true, answer: { kind: 'choice', index: question.answer, shown: quoted(question.options[question.answer] ?? ''), why: '' } }
}

/** Why the engine cannot run a copy of this document here, or null when it can. */
function unrunnable(document: MeshDocument, options: AnswerOptions): string | null {
  if (!options.compile && document.nodes.some((n) => n.kind === 'code')) return 'Questions on meshes with code nodes are not answered yet: their run lives in the sandbox.'
  if (!options.policy && document.scheduler === 'policy') return 'Questions on meshes a written policy schedules are not answered yet: the policy runs in the sandbox.'
  return null
}

/** A copy of `run` at its tick: the same history replayed, exactly, on a Timeline of its own. */
function fork(run: Timeline, options: AnswerOptions): Timeline {
  const copy = Timeline.replaying(run.history(run.tick), { compile: options.compile, policy: options.policy, keyframeEvery: Number.MAX_SAFE_INTEGER })
  copy.seek(run.tick)
  return copy
}

/** Steps `copy` on, one activation at a time, with every event it makes passed to `watch`, until `watch` says done, no step happens, or `max` ticks. */
function stepWatching(copy: Timeline, max: number, watch: (event: TraceEvent) => boolean): { found: boolean; steps: number; stopped: boolean } {
  let found = false
  copy.setTrace((event) => {
    if (!found && watch(event)) found = true
  })
  let steps = 0
  let stopped = false
  while (!found && steps < max) {
    if (!copy.step()) {
      stopped = true
      break
    }
    steps++
  }
  copy.setTrace(null)
  return { found, steps, stopped }
}

const queueLength = (sim: Simulation, id: string) => sim.nodes.get(id)?.tasklet.items.length ?? 0

/** Why the scheduler runs `node` next, in its own terms. */
function whyNext(sim: Simulation, node: string, items: number): string {
  const view = sim.schedulerView()
  const has = plural(items, 'item')
  switch (view.kind) {
    case 'taskmaster':
      return `the taskmaster gives each tasklet its turn in node order, and ${sim.label(node)} was the next one with work (it had ${has})`
    case 'priority': {
      const entry = view.queue.find((e) => e.node === node) ?? view.executing
      return entry && entry.node === node
        ? `the priority scheduler runs the lowest priority first, and ${sim.label(node)} was at priority ${entry.priority} with ${has}`
        : `the priority scheduler put it first (it had ${has})`
    }
    case 'hand':
      return `it is the next of your picks (it had ${has})`
    case 'policy':
      return `the written policy chose it (it had ${has})`
  }
}

function answerNextTasklet(run: Timeline, options: AnswerOptions): Answer {
  const copy = fork(run, options)
  const peek = copy.sim.peek()
  if (peek.next === null) {
    const why = peek.halt ? `the run stops first: ${peek.halt.detail}` : copy.sim.queued() === 0 ? 'no tasklet has work left' : 'the scheduler finds no work to do'
    return { kind: 'next-tasklet', node: null, shown: 'no tasklet', why: `No tasklet runs next: ${why}.` }
  }
  const node = peek.next
  const why = whyNext(copy.sim, node, queueLength(copy.sim, node))
  return { kind: 'next-tasklet', node, shown: copy.sim.label(node), why: `${copy.sim.label(node)} ran next: ${why}.` }
}

function answerNextOutput(run: Timeline, question: Extract<Question, { kind: 'next-output' }>, options: AnswerOptions): Answer {
  const copy = fork(run, options)
  const max = options.maxTicks ?? ANSWER_TICKS
  let printed: { node: string; text: string; tick: number } | null = null
  const { stopped } = stepWatching(copy, max, (event) => {
    if (event.type !== 'output' || (question.node !== undefined && event.node !== question.node)) return false
    printed = { node: event.node, text: pyStr(event.value), tick: event.tick }
    return true
  })
  const found = printed as { node: string; text: string; tick: number } | null
  const who = question.node === undefined ? 'a sink' : copy.sim.label(question.node)
  if (found === null) {
    const why = stopped ? `the run has no work left after ${plural(copy.tick - run.tick, 'more tick')}` : `not in the next ${plural(max, 'tick')}`
    return { kind: 'next-output', text: null, node: null, tick: null, shown: 'nothing more is printed', why: `Nothing more is printed by ${who}: ${why}.` }
  }
  const after = found.tick - run.tick
  return {
    kind: 'next-output',
    text: found.text,
    node: found.node,
    tick: found.tick,
    shown: `Sink got: ${quoted(found.text)}`,
    why: `${copy.sim.label(found.node)} printed ${quoted(found.text)} next, at tick ${found.tick} (${plural(after, 'tick')} on).`,
  }
}

function answerQueueLength(run: Timeline, question: Extract<Question, { kind: 'queue-length' }>, options: AnswerOptions): AnswerResult {
  const copy = fork(run, options)
  const sim = copy.sim
  if (!sim.nodes.has(question.node)) return { ok: false, reason: `The mesh has no tasklet "${excerpt(question.node, 40)}" to ask about.` }
  const name = sim.label(question.node)
  const before = queueLength(sim, question.node)
  let taken = 0
  let received = 0
  copy.setTrace((event) => {
    if (event.type === 'activation' && event.node === question.node) taken++
    else if ((event.type === 'emit' && event.to === question.node) || (event.type === 'send' && event.node === question.node)) received++
  })
  const steps = question.after === 'step' ? (copy.step() ? 1 : 0) : copy.stepRound()
  copy.setTrace(null)
  const length = queueLength(copy.sim, question.node)
  const span = question.after === 'step' ? 'the next step' : 'the round'
  const why =
    steps === 0
      ? `Nothing ran (no work left): ${name} still holds ${plural(length, 'item')}.`
      : `${name} holds ${plural(length, 'item')} after ${span} (${plural(steps, 'activation')}): it had ${before}, took ${taken} and was sent ${received}.`
  return { ok: true, answer: { kind: 'queue-length', node: question.node, length, shown: plural(length, 'item'), why } }
}

/** A wire's name: "branch → doubler (port out)". */
function wireName(sim: Simulation, edge: { source: string; target: string; port: string }): string {
  return `${sim.label(edge.source)} → ${sim.label(edge.target)} (port ${edge.port})`
}

function answerWire(run: Timeline, question: Extract<Question, { kind: 'wire' }>, options: AnswerOptions): AnswerResult {
  const copy = fork(run, options)
  if (!copy.sim.nodes.has(question.node)) return { ok: false, reason: `The mesh has no tasklet "${excerpt(question.node, 40)}" to ask about.` }
  const max = options.maxTicks ?? ANSWER_TICKS
  const name = copy.sim.label(question.node)
  let draw: string | null = null
  let sent: Extract<TraceEvent, { type: 'emit' | 'drop' }> | null = null
  const { stopped } = stepWatching(copy, max, (event) => {
    if (event.type === 'activation' && event.node === question.node) draw = null
    else if (event.type === 'random' && event.use === 'behaviour' && event.node === question.node) draw = `randint(${event.lo}, ${event.hi}) = ${event.value}`
    else if ((event.type === 'emit' && event.from === question.node) || (event.type === 'drop' && event.node === question.node)) {
      sent = event
      return true
    }
    return false
  })
  const emitted = sent as Extract<TraceEvent, { type: 'emit' | 'drop' }> | null
  const drew = draw as string | null
  const base = { kind: 'wire' as const, node: question.node }
  if (emitted === null) {
    const why = stopped ? `the run has no work left after ${plural(copy.tick - run.tick, 'more tick')}` : `not in the next ${plural(max, 'tick')}`
    return { ok: true, answer: { ...base, edge: null, target: null, shown: 'no wire', why: `${name} sends nothing more: ${why}.` } }
  }
  const value = quoted(pyStr(emitted.value))
  const decided = drew ? `; its random draw ${drew} decided it` : ''
  if (emitted.type === 'drop') {
    return {
      ok: true,
      answer: { ...base, edge: null, target: null, shown: 'no wire', why: `${name} sent ${value} from port ${emitted.port}, which is not wired: it was dropped${decided}.` },
    }
  }
  // The run's mesh as the copy has it then (code may have rewired it): the wire from that port to that target.
  const edge = copy.sim.mesh.edges.find((e) => e.source === emitted.from && e.port === emitted.port && e.target === emitted.to)
  const wire = edge ? wireName(copy.sim, edge) : `${name} → ${copy.sim.label(emitted.to)} (port ${emitted.port})`
  return {
    ok: true,
    answer: { ...base, edge: edge?.id ?? null, target: emitted.to, shown: `the wire ${wire}`, why: `${name} sent ${value} along ${wire}, at tick ${emitted.tick}${decided}.` },
  }
}

/**
 * The engine's answer to `question` at the run's tick, from a copy of the
 * run (the run itself is not changed).
 * @example answerQuestion(timeline, { kind: 'next-tasklet', prompt: 'Which runs next?' }) // { ok: true, answer: { node: 'a', … } }
 */
export function answerQuestion(run: Timeline, question: Question, options: AnswerOptions = {}): AnswerResult {
  if (question.kind === 'choice') return answerWithoutRun(question, '')
  const cannot = unrunnable(run.sim.document, options)
  if (cannot) return { ok: false, reason: cannot }
  switch (question.kind) {
    case 'next-tasklet':
      return { ok: true, answer: answerNextTasklet(run, options) }
    case 'next-output':
      return { ok: true, answer: answerNextOutput(run, question, options) }
    case 'queue-length':
      return answerQueueLength(run, question, options)
    case 'wire':
      return answerWire(run, question, options)
  }
}

/** A printed line as the learner may type it: trimmed, with or without the seed's "Sink got:". */
function normalLine(text: string): string {
  return text
    .trim()
    .replace(/^sink got:\s*/i, '')
    .trim()
}

/** Whether what the learner said is the engine's answer. */
function matches(answer: Answer, given: Given): boolean {
  switch (answer.kind) {
    case 'next-tasklet':
      return given === answer.node
    case 'next-output':
      return answer.text === null ? given === null : typeof given === 'string' && normalLine(given) === answer.text.trim()
    case 'queue-length':
      return given === answer.length
    case 'wire':
      return answer.edge === null ? given === null : given === answer.edge
    case 'choice':
      return given === answer.index
  }
}

/**
 * Right or wrong, and what happened and why ("Not quite: branch ran next:
 * …"), then the author's `explain`.
 */
export function checkAnswer(question: Question, answer: Answer, given: Given): AnswerCheck {
  const right = matches(answer, given)
  const what = answer.kind === 'choice' ? `the answer is ${answer.shown}.` : answer.why
  const explain = question.explain ? ` ${question.explain}` : ''
  return { right, detail: `${right ? 'Right' : 'Not quite'}: ${what}${explain}` }
}
