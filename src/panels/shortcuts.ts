/**
 * The run's keyboard shortcuts, as one table: the help dialog lists it and
 * `useRunShortcuts` acts on it. None needs Ctrl or Cmd, so none clashes with
 * the editor's (undo, copy, paste…), and none is read while typing.
 */
import type { MeshState } from '../store/mesh-store'
import { canPick } from '../store/presenter-slice'
import { nextSpeed } from '../runner/speeds'

export interface RunShortcut {
  /** As shown in the help dialog. */
  keys: string[]
  does: string
  /** Whether a key event is this shortcut. */
  matches(event: KeyboardEvent): boolean
  /** Whether it means anything now (left out: always); when not, the key keeps its usual meaning. */
  when?(state: MeshState): boolean
  run(state: MeshState, event: KeyboardEvent): void
}

/** The digit 1–9 a key event is, by the key's place (so Shift+1 is still 1), or null. */
export function pickDigit(event: KeyboardEvent): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)
  return match ? Number(match[1]) : null
}

const key =
  (...names: string[]) =>
  (event: KeyboardEvent) =>
    names.includes(event.key) && !event.shiftKey
const shifted =
  (...names: string[]) =>
  (event: KeyboardEvent) =>
    names.includes(event.key) && event.shiftKey

export const RUN_SHORTCUTS: readonly RunShortcut[] = [
  { keys: ['Space', 'K'], does: 'Play or pause', matches: key(' ', 'k', 'K'), run: (s) => s.togglePlay() },
  { keys: ['.', '→'], does: 'Step: one activation', matches: key('.', 'ArrowRight'), run: (s) => s.step() },
  { keys: [',', '←'], does: 'Step back one tick', matches: key(',', 'ArrowLeft'), run: (s) => s.stepBack() },
  { keys: ['Shift+→', '>'], does: "Step to the end of the scheduler's round", matches: (e) => shifted('ArrowRight')(e) || e.key === '>', run: (s) => s.stepRound() },
  { keys: ['E'], does: 'Run to the end', matches: key('e', 'E'), run: (s) => s.runToEnd() },
  { keys: ['R'], does: 'Reset to tick 0', matches: key('r', 'R'), run: (s) => s.reset() },
  { keys: ['Home'], does: 'Go to tick 0 of this history', matches: key('Home'), run: (s) => s.seek(0) },
  { keys: ['End'], does: 'Go to the latest tick of this history', matches: key('End'), run: (s) => s.seek(s.run.end) },
  { keys: ['+'], does: 'Faster', matches: (e) => e.key === '+' || e.key === '=', run: (s) => s.setSpeed(nextSpeed(s.player.speed, 1)) },
  { keys: ['-'], does: 'Slower', matches: (e) => e.key === '-' || e.key === '_', run: (s) => s.setSpeed(nextSpeed(s.player.speed, -1)) },
  {
    keys: ['1–9', 'Shift+1–9'],
    does: 'You are the scheduler: the tasklet with that number on its card runs next (with Shift, it drains its queue, or takes one item when Take is set to all)',
    matches: (e) => pickDigit(e) !== null,
    when: (s) => s.document.scheduler === 'hand' && canPick(s),
    run: (s, e) => void s.pickNumber(pickDigit(e)!, e.shiftKey),
  },
]

/** The help dialog's own key. */
export const HELP_KEY = '?'
