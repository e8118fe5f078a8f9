/**
 * The schedulers and modes a document names, in a module of their own (no
 * imports), so that what the document's schema reads (a lesson's
 * challenges) can name them without an import cycle through document.ts.
 */

/** The seed's two schedulers, a policy the person writes (`policy` in the document), and the person picking by hand (`hand`). */
export const SCHEDULERS = ['taskmaster', 'priority', 'policy', 'hand'] as const
export type SchedulerKind = (typeof SCHEDULERS)[number]
/** `next` is the taskmaster's `task.next()` and the priority scheduler's `flush(incremental=True)`. */
export const MODES = ['flush', 'next'] as const
export type SchedulerMode = (typeof MODES)[number]
