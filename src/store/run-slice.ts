/**
 * The run slice: what the engine's Timeline publishes, and the actions that
 * drive it. The Timeline is the single source of truth for what the mesh
 * does; this slice only tells it what happened and publishes plain data
 * after every change, through one function (`publish`).
 */
import type { MeshDocument, MeshNode, RunAction, Timeline, Value } from '../engine'
import type { SliceCreator } from './mesh-store'
import { viewRun, type RunView } from './run-view'

/** The seed's Tasklet API on one node, by hand (besides `send`). */
export type TaskletAction = Exclude<RunAction['type'], 'update' | 'send'>

/** Activations one press of Run makes at most, so a runaway mesh cannot freeze the page. */
export const RUN_CHUNK = 200_000

export interface RunSlice {
  run: RunView
  /** One activation. */
  step(): void
  /** Runs until the scheduler has no work left, a limit, or RUN_CHUNK activations. */
  runToEnd(): void
  /** Back to tick 0 of the current document (or of `document`): its inputs queued again, no history. */
  reset(document?: MeshDocument): void
  /** Queues values on a node (the seed's `send`); nothing runs. */
  send(node: string, values: readonly Value[]): void
  /** next, last, flush, clear, close or restart on one node. */
  taskletAction(action: TaskletAction, node: string): void
  /** Brings the run in line with the document after it changed (called by the store). */
  followDocument(previous: MeshDocument): void
}

function sameRunNode(a: MeshNode, b: MeshNode): boolean {
  if (a === b) return true
  const pa = a.priority
  const pb = b.priority
  const samePriority = typeof pa === 'number' || typeof pb === 'number' ? pa === pb : pa.random[0] === pb.random[0] && pa.random[1] === pb.random[1]
  return a.id === b.id && a.kind === b.kind && a.label === b.label && a.params === b.params && samePriority
}

/** Whether an edit changes what the running mesh does (moving a node does not). */
export function changesRun(a: MeshDocument, b: MeshDocument): boolean {
  if (a.edges !== b.edges || a.scheduler !== b.scheduler || a.mode !== b.mode || a.limits !== b.limits) return true
  if (a.nodes === b.nodes) return false
  return a.nodes.length !== b.nodes.length || a.nodes.some((node, i) => !sameRunNode(node, b.nodes[i]!))
}

/** Whether an edit changes only how a run starts: initial inputs and seed. */
function changesStart(a: MeshDocument, b: MeshDocument): boolean {
  return a.seed !== b.seed || JSON.stringify(a.inputs) !== JSON.stringify(b.inputs)
}

export const createRunSlice =
  (timeline: Timeline): SliceCreator<RunSlice> =>
  (set, get) => {
    /** Whether the person acted on the run by hand since the last reset. */
    let handled = false

    /** The one place the run is read into the store. */
    const publish = () => set({ run: viewRun(timeline, get().run) })

    const act = (action: RunAction) => {
      handled = true
      timeline.apply(action)
      publish()
    }

    return {
      run: viewRun(timeline, null),

      step() {
        timeline.step()
        publish()
      },
      runToEnd() {
        timeline.run(RUN_CHUNK)
        publish()
      },
      reset(document) {
        handled = false
        timeline.reset(document ?? get().document)
        publish()
      },
      send: (node, values) => act({ type: 'send', node, values: [...values] }),
      taskletAction: (action, node) => act({ type: action, node }),

      followDocument(previous) {
        const document = get().document
        // Already running this very document: it was loaded with a reset.
        if (document === timeline.sim.document) return publish()
        if (changesRun(previous, document)) timeline.apply({ type: 'update', document })
        if (changesStart(previous, document)) {
          if (timeline.tick === 0 && !handled) timeline.reset(document)
          else {
            get().notify({
              key: 'start-changed',
              tone: 'info',
              text: 'New initial inputs and seed take effect from the start of a run: press Reset to use them.',
            })
          }
        }
        publish()
      },
    }
  }
