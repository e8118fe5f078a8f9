import type { SchedulerKind, SchedulerMode } from '../document'
import { PriorityScheduler } from './priority'
import type { Scheduler } from './scheduler'
import { Taskmaster } from './taskmaster'

/** A scheduler of the given kind and mode, at the start of a call. */
export function createScheduler(kind: SchedulerKind, mode: SchedulerMode): Scheduler {
  return kind === 'priority' ? new PriorityScheduler(mode) : new Taskmaster(mode)
}

export { PriorityScheduler, Taskmaster }
export type { ScheduledNode, Scheduler, SchedulerHost, SchedulerState, SchedulerView } from './scheduler'
