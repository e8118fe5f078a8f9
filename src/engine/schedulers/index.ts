import type { SchedulerKind, SchedulerMode } from '../document'
import { PolicyScheduler, type PolicyProgram } from './policy'
import { PriorityScheduler } from './priority'
import type { Scheduler } from './scheduler'
import { Taskmaster } from './taskmaster'

/** What a run without a written policy gives a policy scheduler: a policy that cannot run, and says why. */
const NO_POLICY: PolicyProgram = { name: '', decide: new Error('the document has no policy') }

/** A scheduler of the given kind and mode, at the start of a call; a written policy's needs the policy, compiled. */
export function createScheduler(kind: SchedulerKind, mode: SchedulerMode, policy: PolicyProgram | null = null): Scheduler {
  if (kind === 'policy') return new PolicyScheduler(mode, policy ?? NO_POLICY)
  return kind === 'priority' ? new PriorityScheduler(mode) : new Taskmaster(mode)
}

export { PolicyScheduler, PolicyStopped, describeReturned } from './policy'
export type { Policy, PolicyCompiler, PolicyDecision, PolicyProgram, PolicyTasklet, PolicyView } from './policy'
export { PriorityScheduler, Taskmaster }
export type { ScheduledNode, Scheduler, SchedulerHost, SchedulerState, SchedulerView } from './scheduler'
