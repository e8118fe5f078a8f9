/**
 * A recording: a run as it was explored — the mesh, every hand action and
 * edit at its tick (with where the scheduler's call ended, which a replay
 * must repeat), how far the run reached and the tick it was at — as one
 * versioned file, so that someone else replays exactly the same exploration
 * (a bug report a teacher sends a student, and back). It is the run's
 * `TimelineHistory` written out; the engine replays it exactly, as it
 * replays its own history when stepping back. Read from untrusted text
 * like a mesh file: every field checked, nothing cast, each error naming
 * the field (docs/sharing.md, "Recordings").
 */
import * as v from 'valibot'

import { copyDocument, isSendable, issueMessage, issuePath, parseDocument, type LogEntry, type MeshDocument, type QueueEdit, type RunAction, type TimelineHistory } from '../engine'

export const RECORDING_FORMAT = 'mesh-playground-recording'
export const RECORDING_VERSION = 1
export const RECORDING_EXTENSION = '.recording.json'
/** The most entries (hand actions, edits, ends of calls) a recording holds. */
export const MAX_RECORDED_ENTRIES = 100_000

/** A recording read: the history to replay and the tick to land on. */
export interface Recording {
  history: TimelineHistory
  tick: number
}

export type RecordingParse = { ok: true; recording: Recording } | { ok: false; errors: string[] }

const Id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(64, 'is longer than 64 characters'))
const Tick = v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(0, 'is below 0'), v.maxValue(1_000_000_000, 'is above 1,000,000,000'))
const Sendable = v.custom<string | number | boolean | null>(
  (x) => isSendable(x),
  'is not a value a tasklet can be sent (a string of at most 5,000 characters, a finite number, true/false or null)',
)

/** A position in a queue: no queue holds more than the run's cap on all queues (1,000,000), so 10,000,000 is far past any. */
const Position = v.pipe(v.number(), v.safeInteger('is not a whole number'), v.minValue(0, 'is below 0'), v.maxValue(10_000_000, 'is above 10,000,000'))
const QueueEditSchema = v.variant(
  'op',
  [
    v.strictObject({ op: v.literal('drop'), index: Position }),
    v.strictObject({ op: v.literal('set'), index: Position, value: Sendable }),
    v.strictObject({ op: v.literal('move'), from: Position, to: Position }),
    v.strictObject({ op: v.literal('insert'), index: Position, value: Sendable }),
    v.strictObject({ op: v.literal('transfer'), index: Position, to: Id, at: Position }),
  ],
  'is not a queue edit (drop, set, move, insert or transfer)',
)

const ActionSchema = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('send'), node: Id, values: v.pipe(v.array(Sendable), v.maxLength(10_000, 'has more than 10,000 values')) }),
    v.strictObject({ type: v.picklist(['next', 'last', 'flush', 'clear', 'close', 'restart']), node: Id }),
    v.strictObject({ type: v.literal('fail'), node: Id, error: v.optional(v.pipe(v.string(), v.maxLength(500, 'is longer than 500 characters'))) }),
    v.strictObject({ type: v.literal('queue'), node: Id, edit: QueueEditSchema }),
    v.strictObject({
      type: v.literal('draw'),
      node: Id,
      value: v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(-1_000_000_000, 'is below -1,000,000,000'), v.maxValue(1_000_000_000, 'is above 1,000,000,000')),
    }),
    // The edited document is checked as a document, below.
    v.strictObject({ type: v.literal('update'), document: v.looseObject({}) }),
  ],
  'is not a hand action (send, next, last, flush, clear, close, restart, fail, queue, draw or update)',
)

const RecordingSchema = v.object({
  format: v.literal(RECORDING_FORMAT, `is not "${RECORDING_FORMAT}"`),
  version: v.literal(RECORDING_VERSION, `is not ${RECORDING_VERSION}: this recording was made by another version of Mesh Playground`),
  document: v.looseObject({}),
  entries: v.pipe(
    v.array(v.strictObject({ tick: Tick, action: v.nullable(ActionSchema) })),
    v.maxLength(MAX_RECORDED_ENTRIES, `has more than ${MAX_RECORDED_ENTRIES.toLocaleString('en')} entries`),
  ),
  end: Tick,
  tick: Tick,
})

/** The recording as JSON text: the document in the mesh file's own form, and the history after it. */
export function recordingToJson(history: TimelineHistory, tick: number): string {
  const entries = history.entries.map((entry) => ({ tick: entry.tick, action: entry.action === null ? null : copyAction(entry.action) }))
  const body = { format: RECORDING_FORMAT, version: RECORDING_VERSION, document: copyDocument(history.document), entries, end: history.end, tick: Math.min(tick, history.end) }
  return JSON.stringify(body, null, 1) + '\n'
}

/** Whether untrusted JSON data says it is a recording (then `parseRecording` reads it, and says what is wrong with it). */
export function isRecording(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'format') && (data as { format: unknown }).format === RECORDING_FORMAT
}

/** Reads a recording from untrusted JSON data. */
export function parseRecording(data: unknown): RecordingParse {
  const parsed = v.safeParse(RecordingSchema, data, { message: issueMessage })
  if (!parsed.success) return { ok: false, errors: parsed.issues.slice(0, 10).map((issue) => `${issue.path ? issuePath(issue) : 'recording'}: ${issue.message}`) }
  const { document: raw, entries: rawEntries, end, tick } = parsed.output
  const document = parseDocument(raw)
  if (!document.ok) return { ok: false, errors: document.errors.map((e) => `document.${e}`) }
  const budget = document.document.limits.maxActivations
  if (end > budget) return { ok: false, errors: [`end: ${end.toLocaleString('en')} is past the mesh's activation budget (${budget.toLocaleString('en')})`] }
  if (tick > end) return { ok: false, errors: [`tick: ${tick.toLocaleString('en')} is past the recording's end (${end.toLocaleString('en')})`] }
  const entries: LogEntry[] = []
  for (let i = 0; i < rawEntries.length; i++) {
    const entry = rawEntries[i]!
    if (entry.tick > end) return { ok: false, errors: [`entries[${i}].tick: ${entry.tick} is past the recording's end (${end})`] }
    if (i > 0 && entry.tick < rawEntries[i - 1]!.tick)
      return { ok: false, errors: [`entries[${i}].tick: ${entry.tick} comes before the tick of the entry before it (${rawEntries[i - 1]!.tick})`] }
    const action = entry.action === null ? null : readAction(entry.action as Raw)
    if (action && 'errors' in action) return { ok: false, errors: action.errors.map((e) => `entries[${i}].action.${e}`) }
    entries.push({ tick: entry.tick, action })
  }
  return { ok: true, recording: { history: { document: document.document, entries, end }, tick } }
}

type Raw = v.InferOutput<typeof ActionSchema>

/** An action, field by field; an update's document checked as a document. */
function readAction(raw: Raw): RunAction | { errors: string[] } {
  switch (raw.type) {
    case 'send':
      return { type: 'send', node: raw.node, values: [...raw.values] }
    case 'fail':
      return raw.error === undefined ? { type: 'fail', node: raw.node } : { type: 'fail', node: raw.node, error: raw.error }
    case 'queue':
      return { type: 'queue', node: raw.node, edit: copyEdit(raw.edit) }
    case 'draw':
      return { type: 'draw', node: raw.node, value: raw.value }
    case 'update': {
      const parsed = parseDocument(raw.document)
      return parsed.ok ? { type: 'update', document: parsed.document } : { errors: parsed.errors.map((e) => `document.${e}`) }
    }
    default:
      return { type: raw.type, node: raw.node }
  }
}

function copyAction(action: RunAction): RunAction | { type: 'update'; document: MeshDocument } {
  if (action.type === 'update') return { type: 'update', document: copyDocument(action.document) }
  if (action.type === 'send') return { type: 'send', node: action.node, values: [...action.values] }
  if (action.type === 'queue') return { type: 'queue', node: action.node, edit: copyEdit(action.edit) }
  return { ...action }
}

/** A queue edit, field by field (nothing else of what was read comes with it). */
function copyEdit(edit: QueueEdit): QueueEdit {
  switch (edit.op) {
    case 'drop':
      return { op: 'drop', index: edit.index }
    case 'set':
      return { op: 'set', index: edit.index, value: edit.value }
    case 'move':
      return { op: 'move', from: edit.from, to: edit.to }
    case 'insert':
      return { op: 'insert', index: edit.index, value: edit.value }
    case 'transfer':
      return { op: 'transfer', index: edit.index, to: edit.to, at: edit.at }
  }
}

/** A file name for the recording of `doc`'s run at `tick`: `meshing-part-3-tick-40.recording.json`. */
export function recordingFileName(meshFileName: string, tick: number): string {
  return `${meshFileName.replace(/\.mesh\.json$/, '')}-tick-${tick}${RECORDING_EXTENSION}`
}
