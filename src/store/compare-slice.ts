/**
 * The compare slice: the mesh as it is now, with its seed, under up to four
 * schedulers side by side (the Compare panel). A comparison without code
 * that may run is made on the page, in slices of about 8 ms; one with such
 * code (a code node's, or a lane's written policy) in a sandbox worker of
 * its own, as the run is, with the run's watchdog: code that hangs in a
 * lane is stopped there, said so, and the comparison goes on. Either way
 * the slice publishes the lanes as plain data, where their outputs first
 * differ, and each lane's record (who ran when, its queues) with its
 * scheduling figures: remade at most once every RECORD_EVERY_MS while the
 * lanes run, and at once when they stop.
 */
import {
  COMPARE_TICKS,
  CompareSession,
  laneDocument,
  MAX_COMPARE_LANES,
  schedulingFigures,
  type Divergence,
  type LaneSpec,
  type LaneView,
  type MeshDocument,
  type RecordedRun,
  type RunLanes,
  type SchedulingFigures,
} from '../engine'
import type { Clock } from '../runner/clock'
import { SLICE_MS, WORKER_SLICE_MS } from '../runner/player'
import type { CompareClientResult, CompareStopped, SandboxComparison } from '../sandbox/compare-client'
import { allowedSources } from '../sandbox/trust'
import type { SliceCreator } from './mesh-store'
import { RECORD_EVERY_MS } from './record-slice'

/** A lane's record and its figures, as the panel reads them. */
export interface CompareRecord {
  readonly lanes: RunLanes
  readonly figures: SchedulingFigures
}

export interface Comparison {
  specs: readonly LaneSpec[]
  /** Empty until the sandbox's first answer. */
  lanes: readonly LaneView[]
  /** Where the lanes' outputs first differ so far, and the tick each lane printed its output there; null while they agree. */
  divergence: Divergence | null
  /** Each lane's record and figures, as of the last time they were made (null until the first). */
  records: readonly CompareRecord[] | null
  /** Why the lanes' records could not be made, if they could not. */
  recordError: string | null
  /** The document compared: the editor's may have changed since. */
  document: MeshDocument
  /** How much code was trusted when it began: code allowed since would run in a fresh comparison. */
  codeTrust: number
  /** Where the lanes run. */
  where: 'page' | 'sandbox'
  /** Every lane has stopped. */
  done: boolean
  /** Running to the end. */
  running: boolean
  /** A request to the sandbox is out. */
  busy: boolean
  /** Code nodes (and written policies) the watchdog stopped, in the order it stopped them. */
  stopped: readonly CompareStopped[]
  /** Why the comparison cannot go on, if it cannot. */
  error: string | null
}

export interface CompareSlice {
  comparison: Comparison | null
  /** Compares the document as it is now under these schedulers (up to MAX_COMPARE_LANES), from tick 0. */
  startComparison(specs: readonly LaneSpec[]): void
  /** Every lane on by `n` activations. */
  stepComparison(n: number): void
  /** Runs the lanes on until every one has stopped. */
  runComparison(): void
  /** Stops running to the end; the lanes stay where they are. */
  pauseComparison(): void
  /** Forgets the comparison, and ends its sandbox worker. */
  endComparison(): void
}

/** Every source the comparison may run: the code nodes' allowed to run, and each lane's written policy if it is. */
export function comparisonSources(document: MeshDocument, specs: readonly LaneSpec[], isTrusted: (source: string) => boolean): string[] {
  return [...new Set(specs.flatMap((spec) => allowedSources(laneDocument(document, spec), isTrusted)))]
}

const withFigures = (records: readonly RecordedRun[]): CompareRecord[] => records.map((record) => ({ lanes: record.lanes, figures: schedulingFigures(record) }))

export const createCompareSlice =
  (clock: Clock, createSandbox: (() => SandboxComparison) | null): SliceCreator<CompareSlice> =>
  (set, get) => {
    let page: CompareSession | null = null
    let sandbox: SandboxComparison | null = null
    /** Bumped by every new comparison, so that answers about an older one are dropped. */
    let generation = 0
    let cancelSlice: (() => void) | null = null
    /** When the records were last asked for, to space them while the lanes run. */
    let recorded = -Infinity
    /** A sandbox record request is out; and whether the lanes moved on since it was asked. */
    let recording = false
    let recordAgain = false

    const update = (change: Partial<Comparison>) => {
      const comparison = get().comparison
      if (comparison) set({ comparison: { ...comparison, ...change } })
    }

    /** What a sandbox's answer says of the lanes. */
    const fromResult = (result: CompareClientResult): Partial<Comparison> => ({ lanes: result.lanes, done: result.done, divergence: result.divergence })

    /**
     * The lanes' records remade: on the page at once, in the sandbox by a
     * request of its own (one at a time; the lanes moving on meanwhile ask
     * for another when it lands). `soon`: only if RECORD_EVERY_MS has passed.
     */
    const refreshRecords = (soon = false) => {
      if (soon && clock.now() - recorded < RECORD_EVERY_MS) return
      recorded = clock.now()
      if (page) {
        try {
          update({ records: withFigures(page.records()), recordError: null })
        } catch (e) {
          update({ recordError: e instanceof Error ? e.message : String(e) })
        }
        return
      }
      if (!sandbox) return
      if (recording) {
        recordAgain = true
        return
      }
      recording = true
      recordAgain = false
      const asked = generation
      sandbox
        .records()
        .then(
          ({ result, records }) => {
            if (asked !== generation) return
            update({ ...fromResult(result), records: withFigures(records), recordError: null })
          },
          (e: unknown) => {
            if (asked === generation) update({ recordError: e instanceof Error ? e.message : String(e) })
          },
        )
        .finally(() => {
          if (asked !== generation) return
          recording = false
          if (recordAgain) refreshRecords()
        })
    }

    /** One request to the comparison's sandbox: busy while it is out; its lanes, and any node it stopped, taken in. */
    const ask = async (send: (sandbox: SandboxComparison) => Promise<CompareClientResult>): Promise<CompareClientResult | null> => {
      const asked = generation
      if (!sandbox) return null
      update({ busy: true })
      try {
        const result = await send(sandbox)
        if (asked !== generation) return null
        const stopped = get().comparison?.stopped ?? []
        update({ ...fromResult(result), busy: false, stopped: result.stopped ? [...stopped, result.stopped] : stopped })
        return result
      } catch (e) {
        if (asked === generation) update({ busy: false, running: false, error: e instanceof Error ? e.message : String(e) })
        return null
      }
    }

    const stopSlices = () => {
      cancelSlice?.()
      cancelSlice = null
    }

    const runOnPage = (session: CompareSession) => {
      const slice = () => {
        cancelSlice = null
        const done = session.runSlice(clock.now() + SLICE_MS, clock.now)
        update({ lanes: session.view(), divergence: session.divergence(), done, running: !done })
        refreshRecords(!done)
        if (!done) cancelSlice = clock.task(slice)
      }
      slice()
    }

    const runInSandbox = async () => {
      const asked = generation
      while (asked === generation && get().comparison?.running) {
        const result = await ask((s) => s.step(COMPARE_TICKS, WORKER_SLICE_MS))
        if (!result || result.done) break
        if (asked === generation) refreshRecords(true)
      }
      if (asked !== generation) return
      update({ running: false })
      refreshRecords()
    }

    return {
      comparison: null,

      startComparison(specs) {
        generation++
        stopSlices()
        recording = false
        recordAgain = false
        const lanes = specs.slice(0, MAX_COMPARE_LANES)
        const { document, codeTrust, isCodeTrusted } = get()
        const allowed = comparisonSources(document, lanes, isCodeTrusted)
        const base = { specs: lanes, document, codeTrust, running: false, stopped: [], error: null, records: null, recordError: null, divergence: null }
        if (allowed.length > 0 && createSandbox) {
          page = null
          sandbox ??= createSandbox()
          set({ comparison: { ...base, lanes: [], where: 'sandbox', done: false, busy: true } })
          void ask((s) => s.begin(document, lanes, allowed)).then((result) => result && refreshRecords())
        } else {
          sandbox?.dispose()
          sandbox = null
          page = new CompareSession(document, lanes)
          set({ comparison: { ...base, lanes: page.view(), where: 'page', done: page.done, busy: false } })
          refreshRecords()
        }
      },

      stepComparison(n) {
        const comparison = get().comparison
        if (!comparison || comparison.running || comparison.busy || comparison.done) return
        if (page) {
          page.step(n)
          update({ lanes: page.view(), divergence: page.divergence(), done: page.done })
          refreshRecords()
        } else void ask((s) => s.step(n)).then((result) => result && refreshRecords())
      },

      runComparison() {
        const comparison = get().comparison
        if (!comparison || comparison.running || comparison.done) return
        update({ running: true })
        if (page) runOnPage(page)
        else void runInSandbox()
      },

      pauseComparison() {
        const running = get().comparison?.running
        stopSlices()
        // A request to the sandbox already out still lands; no other follows it.
        update({ running: false })
        if (running && page) refreshRecords()
      },

      endComparison() {
        generation++
        stopSlices()
        sandbox?.dispose()
        sandbox = null
        page = null
        recording = false
        set({ comparison: null })
      },
    }
  }
