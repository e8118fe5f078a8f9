/**
 * What the page tells the person about a run, worded once for wherever the
 * run lives: on the page, or in the sandbox worker. Each is a notice for the
 * store's `notify`; one with the same key replaces the last.
 */

/** A limit of the document stopped the run; `detail` says which (the run's `haltDetail`). */
export function haltNotice(detail: string) {
  return { key: 'run-halt', tone: 'warning', text: `The run stopped: ${detail}.` } as const
}

/** The initial inputs or the seed changed while a run was under way: they wait for Reset. */
export const START_CHANGED_NOTICE = {
  key: 'start-changed',
  tone: 'info',
  text: 'New initial inputs and seed take effect from the start of a run: press Reset to use them.',
} as const
