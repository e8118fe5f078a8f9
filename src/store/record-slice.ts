/**
 * The record slice: the run's record (its whole history replayed with the
 * item ledger, wherever the run lives: see RunMode.record) and its
 * scheduling figures, for the panels that show them (Stats, Lanes). Made
 * only while a panel needs it (`needRunRecord`, counted), remade when the
 * run has moved on — at most once every RECORD_EVERY_MS while the run plays
 * or runs, at once when it is paused — and dropped when the document changes
 * what the mesh does.
 */
import { figureSteps, STARVATION_TICKS, type ItemLedgerData, type RecordedRun, type RunLanes, type SchedulingFigures } from '../engine'
import type { Clock } from '../runner/clock'
import { SLICE_MS } from '../runner/player'
import { changesRun, changesStart } from '../runner/run-document'
import type { SliceCreator } from './mesh-store'

/** While the run plays or runs fast, a new record at most this often: a long run's replay takes a while, and the page has the run to show. */
export const RECORD_EVERY_MS = 1_000

/** The largest starvation threshold one can set. */
export const MAX_STARVATION_TICKS = 1_000_000_000

/** The record and its figures, as the panels read them. */
export interface RunRecordView {
  readonly lanes: RunLanes
  readonly figures: SchedulingFigures
  /** The tick the record goes to: the end of the run's history when it was made. */
  readonly upTo: number
  readonly ledger: ItemLedgerData
}

export interface RecordSlice {
  runRecord: RunRecordView | null
  /** Whether a record is being made, and why the last one could not be, if it could not. */
  runRecordState: { making: boolean; error: string | null }
  /** The starvation threshold the figures use: a tasklet with items that does not run for more ticks than this is starving. */
  starvationTicks: number
  /** A new threshold (a whole number of ticks, 0 or more): the figures are worked out again. */
  setStarvationTicks(ticks: number): void
  /** A panel shows the record: it is kept up to date until every panel that asked has let go (call what this returns). */
  needRunRecord(): () => void
  /** The run or the document changed (called by the store): the record is remade, or dropped. */
  followRunRecord(documentChanged: boolean): void
}

/** What a record was made of: which history (see `epoch`), its end, and how many actions were done to it. */
interface RecordKey {
  epoch: number
  end: number
  actions: number
}

const sameKey = (a: RecordKey | null, b: RecordKey) => a !== null && a.epoch === b.epoch && a.end === b.end && a.actions === b.actions

export const createRecordSlice =
  (clock: Clock): SliceCreator<RecordSlice> =>
  (set, get) => {
    let needs = 0
    /** The key of the record shown (or being made). */
    let made: RecordKey | null = null
    let making = false
    /** When the last record was done, to space them while the run plays. */
    let done = -Infinity
    /** Bumped when the record is dropped: a record still being made then is of a mesh that is gone. */
    let generation = 0

    /**
     * Bumped when the history was cut back, which moving in time never does:
     * its end or its actions fewer than when last seen (a Reset, acting at an
     * earlier tick, the run moving to the other place).
     */
    let epoch = 0
    let seen = { end: 0, actions: 0 }
    const keyNow = (): RecordKey => {
      const now = { end: get().run.end, actions: get().runMark().actions }
      if (now.end < seen.end || now.actions < seen.actions) epoch++
      seen = now
      return { epoch, ...now }
    }

    /** The figures of a record, worked out in slices of SLICE_MS, each its own task: a long run's take a good part of a second. */
    const figuresOf = (record: RecordedRun, starvationTicks: number): Promise<SchedulingFigures> =>
      new Promise((resolve, reject) => {
        const steps = figureSteps(record, { starvationTicks })
        const slice = () => {
          try {
            const deadline = clock.now() + SLICE_MS
            for (;;) {
              const step = steps.next()
              if (step.done) return resolve(step.value)
              if (clock.now() >= deadline) break
            }
            clock.task(slice)
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)))
          }
        }
        slice()
      })

    /** Counts the thresholds asked for, so that figures worked out for an older one are not shown. */
    let thresholds = 0

    const setState = (state: RecordSlice['runRecordState']) => {
      const old = get().runRecordState
      if (old.making !== state.making || old.error !== state.error) set({ runRecordState: state })
    }

    const refresh = () => {
      if (needs === 0 || making) return
      const key = keyNow()
      if (sameKey(made, key)) return
      if (get().player.activity !== 'paused' && clock.now() - done < RECORD_EVERY_MS) return
      making = true
      made = key
      const asked = generation
      setState({ making: true, error: null })
      const threshold = thresholds
      get()
        .recordRun()
        .then((record) => (asked === generation ? figuresOf(record, get().starvationTicks).then((figures) => ({ record, figures })) : null))
        .then(
          (made) => {
            if (!made || asked !== generation) return
            const { record, figures } = made
            set({ runRecord: { lanes: record.lanes, figures, upTo: record.lanes.ticks, ledger: record.ledger } })
            setState({ making: false, error: null })
            // A threshold set meanwhile: these figures are of the old one.
            if (threshold !== thresholds) refigure()
          },
          (e: unknown) => {
            if (asked !== generation) return
            setState({ making: false, error: e instanceof Error ? e.message : String(e) })
          },
        )
        .finally(() => {
          making = false
          done = clock.now()
          // The run may have moved on meanwhile.
          refresh()
        })
    }

    /** The record shown, its figures worked out again for the threshold now. */
    const refigure = () => {
      const shown = get().runRecord
      if (!shown) return
      const asked = thresholds
      const starvationTicks = get().starvationTicks
      void figuresOf({ lanes: shown.lanes, ledger: shown.ledger }, starvationTicks).then(
        (figures) => {
          if (asked === thresholds && get().runRecord === shown) set({ runRecord: { ...shown, figures } })
        },
        (e: unknown) => setState({ making: get().runRecordState.making, error: e instanceof Error ? e.message : String(e) }),
      )
    }

    return {
      runRecord: null,
      runRecordState: { making: false, error: null },
      starvationTicks: STARVATION_TICKS,

      setStarvationTicks(ticks) {
        const starvationTicks = Number.isFinite(ticks) ? Math.max(0, Math.min(MAX_STARVATION_TICKS, Math.floor(ticks))) : STARVATION_TICKS
        if (starvationTicks === get().starvationTicks) return
        thresholds++
        set({ starvationTicks })
        refigure()
      },

      needRunRecord() {
        needs++
        refresh()
        let released = false
        return () => {
          if (released) return
          released = true
          needs--
        }
      },

      followRunRecord(documentChanged) {
        keyNow()
        if (documentChanged) {
          generation++
          made = null
          if (get().runRecord) set({ runRecord: null })
          setState({ making, error: null })
        }
        refresh()
      },
    }
  }

/** Whether a change of the document makes the record shown a record of another mesh: it changes what the mesh does, or how it starts. */
export function dropsRecord(previous: Parameters<typeof changesRun>[0], document: Parameters<typeof changesRun>[1]): boolean {
  return changesRun(previous, document) || changesStart(previous, document)
}
