/**
 * The run's record for the scheduling views: who ran at each tick and every
 * queue after it (`lanes`), and the scheduling figures. Mounting the hook
 * says "I need the record".
 *
 * A placeholder with the figures branch's signature: that branch's version
 * of this file replaces it at merge (it records the run and returns it).
 * Until then nothing is recorded, and the Lanes panel says so.
 */
import type { RunLanes } from '../engine/run-record'

export function useRunRecord(): { lanes: RunLanes; figures: unknown; upTo: number } | null {
  return null
}
