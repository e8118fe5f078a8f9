/**
 * The record slice: the run's record (its whole history replayed with the
 * item ledger, wherever the run lives: see RunMode.record) and its
 * scheduling figures, for the panels that show them (Stats, Lanes). Made
 * only while a panel needs it (`needRunRecord`, counted), remade when the
 * run has moved on — at most once every RECORD_EVERY_MS while the run plays
 * or runs, at once when it is paused — and dropped when the document changes
 * what the mesh does.
 */
import { schedulingFigures, type ItemLedgerData, type RunLanes, type SchedulingFigures } from '../engine'
import type { Clock } from '../runner/clock'
import { changesRun, changesStart } from '../runner/run-document'
import type { SliceCreator } from './mesh-store'

/** While the run plays or runs fast, a new record at most this often: a long run's replay takes a while, and the page has the run to show. */
export const RECORD_EVERY_MS = 1_000

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
      get()
        .recordRun()
        .then(
          (record) => {
            if (asked !== generation) return
            const figures = schedulingFigures(record)
            set({ runRecord: { lanes: record.lanes, figures, upTo: record.lanes.ticks, ledger: record.ledger } })
            setState({ making: false, error: null })
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

    return {
      runRecord: null,
      runRecordState: { making: false, error: null },

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
