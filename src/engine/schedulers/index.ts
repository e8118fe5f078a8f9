import type { SchedulerKind, SchedulerMode } from '../document'
import { PolicyScheduler, type PolicyProgram } from './policy'
import { PriorityScheduler } from './priority'
import type { Scheduler } from './scheduler'
import { Taskmaster } from './taskmaster'

/** What a run without a written policy gives a policy scheduler: a policy that cannot run, and says why. */
const NO_POLICY: PolicyProgram = { name: '', decide: new Error('the document has no policy') }

/** A scheduler of the given kind and mode, at the start of a call; a written policy's needs the policy, compiled, and the hand scheduler its picks as one (hand.ts). */
export function createScheduler(kind: SchedulerKind, mode: SchedulerMode, policy: PolicyProgram | null = null): Scheduler {
  if (kind === 'policy' || kind === 'hand') return new PolicyScheduler(mode, policy ?? NO_POLICY, kind)
  return kind === 'priority' ? new PriorityScheduler(mode) : new Taskmaster(mode)
}

export { HAND_NAME, handProgram, KEPT_POLICY_NAME, picksAsPolicy, withPicks, YOUR_TURN } from './hand'
export { PolicyScheduler, PolicyStopped, PolicyWaits, describeReturned } from './policy'
export type { Policy, PolicyCompiler, PolicyDecision, PolicyProgram, PolicyTasklet, PolicyView } from './policy'
export { PriorityScheduler, Taskmaster }
export type { PolicySchedulerView, ScheduledNode, Scheduler, SchedulerHost, SchedulerState, SchedulerView } from './scheduler'
