/**
 * The compare slice: the mesh as it is now, with its seed, under two
 * schedulers side by side (the Compare panel). A mesh without code that may
 * run is compared on the page, in slices of about 8 ms; one with such code
 * in a sandbox worker of its own, as the run is, with the run's watchdog: a
 * code node that hangs in a lane is stopped there, said so, and the
 * comparison goes on. Either way the slice publishes the lanes as plain data.
 */
import { COMPARE_TICKS, CompareSession, type LaneSpec, type LaneView, type MeshDocument } from '../engine'
import type { Clock } from '../runner/clock'
import { SLICE_MS, WORKER_SLICE_MS } from '../runner/player'
import type { CompareClientResult, CompareStopped, SandboxComparison } from '../sandbox/compare-client'
import type { SliceCreator } from './mesh-store'
import { allowedSources } from '../sandbox/trust'

export interface Comparison {
  specs: readonly LaneSpec[]
  /** Empty until the sandbox's first answer. */
  lanes: readonly LaneView[]
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
  /** Code nodes the watchdog stopped, in the order it stopped them. */
  stopped: readonly CompareStopped[]
  /** Why the comparison cannot go on, if it cannot. */
  error: string | null
}

export interface CompareSlice {
  comparison: Comparison | null
  /** Compares the document as it is now under these schedulers, from tick 0. */
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

export const createCompareSlice =
  (clock: Clock, createSandbox: (() => SandboxComparison) | null): SliceCreator<CompareSlice> =>
  (set, get) => {
    let page: CompareSession | null = null
    let sandbox: SandboxComparison | null = null
    /** Bumped by every new comparison, so that answers about an older one are dropped. */
    let generation = 0
    let cancelSlice: (() => void) | null = null

    const update = (change: Partial<Comparison>) => {
      const comparison = get().comparison
      if (comparison) set({ comparison: { ...comparison, ...change } })
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
        update({ lanes: result.lanes, done: result.done, busy: false, stopped: result.stopped ? [...stopped, result.stopped] : stopped })
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
        update({ lanes: session.view(), done, running: !done })
        if (!done) cancelSlice = clock.task(slice)
      }
      slice()
    }

    const runInSandbox = async () => {
      const asked = generation
      while (asked === generation && get().comparison?.running) {
        const result = await ask((s) => s.step(COMPARE_TICKS, WORKER_SLICE_MS))
        if (!result || result.done) break
      }
      if (asked === generation) update({ running: false })
    }

    return {
      comparison: null,

      startComparison(specs) {
        generation++
        stopSlices()
        const { document, codeTrust, isCodeTrusted } = get()
        const allowed = allowedSources(document, isCodeTrusted)
        const base = { specs: [...specs], document, codeTrust, running: false, stopped: [], error: null }
        if (allowed.length > 0 && createSandbox) {
          page = null
          sandbox ??= createSandbox()
          set({ comparison: { ...base, lanes: [], where: 'sandbox', done: false, busy: true } })
          void ask((s) => s.begin(document, specs, allowed))
        } else {
          sandbox?.dispose()
          sandbox = null
          page = new CompareSession(document, specs)
          set({ comparison: { ...base, lanes: page.view(), where: 'page', done: page.done, busy: false } })
        }
      },

      stepComparison(n) {
        const comparison = get().comparison
        if (!comparison || comparison.running || comparison.busy || comparison.done) return
        if (page) {
          page.step(n)
          update({ lanes: page.view(), done: page.done })
        } else void ask((s) => s.step(n))
      },

      runComparison() {
        const comparison = get().comparison
        if (!comparison || comparison.running || comparison.done) return
        update({ running: true })
        if (page) runOnPage(page)
        else void runInSandbox()
      },

      pauseComparison() {
        stopSlices()
        // A request to the sandbox already out still lands; no other follows it.
        update({ running: false })
      },

      endComparison() {
        generation++
        stopSlices()
        sandbox?.dispose()
        sandbox = null
        page = null
        set({ comparison: null })
      },
    }
  }
