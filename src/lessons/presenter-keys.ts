/**
 * The keys presenter mode answers, as a presentation clicker sends them
 * (PageDown / PageUp, or the arrows) and as a keyboard does (Space,
 * Shift+Space, Home, End, Escape), and the card numbers of a hand-scheduled
 * mesh (1–9, as in the editor). Keys a focused control or field uses
 * itself are left to it, and so are keys with Ctrl, Alt or Meta: those are
 * the browser's (Alt+← goes back a page).
 */

export type PresenterMove = 'next' | 'previous' | 'first' | 'last' | 'exit'

const MOVES: Readonly<Record<string, PresenterMove>> = {
  PageDown: 'next',
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageUp: 'previous',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  Escape: 'exit',
}

/** Where typing goes: every key is the field's. */
const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'
/** What Space and Enter press: a button, a link, a hint to open. */
const PRESSABLE = 'button, a[href], summary, [role="button"], [role="link"]'
/** An open dialog (the code review) has its own keys. */
const DIALOG = 'dialog, [role="dialog"], [role="alertdialog"]'

export interface PresenterKey {
  key: string
  /** The key's place on the keyboard: Digit5, Numpad5. */
  code: string
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  target: EventTarget | null
}

/** Keys with Ctrl, Alt or Meta, and keys typed into a field or an open dialog, are not presenter mode's. */
function theirs(event: PresenterKey): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return true
  const target = event.target instanceof Element ? event.target : null
  return Boolean(target?.closest(TYPING) || target?.closest(DIALOG))
}

/** A pick by the number on a card, 1 to 9, as in the editor (Shift: the other of one item and the whole queue), on a hand-scheduled mesh; null for any other key. */
export function presenterPick(event: PresenterKey): { number: number; other: boolean } | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)
  return match && !theirs(event) ? { number: Number(match[1]), other: event.shiftKey } : null
}

/** The step move a key press asks for, or null when the key is not presenter mode's to take. */
export function presenterMove(event: PresenterKey): PresenterMove | null {
  if (theirs(event)) return null
  const target = event.target instanceof Element ? event.target : null
  if (event.key === ' ') return target?.closest(PRESSABLE) ? null : event.shiftKey ? 'previous' : 'next'
  if (event.shiftKey && event.key !== 'Escape') return null
  return Object.hasOwn(MOVES, event.key) ? MOVES[event.key]! : null
}

/** How a scrolled box stands: the element's scrollTop, clientHeight and scrollHeight. */
export interface Scrolled {
  scrollTop: number
  clientHeight: number
  scrollHeight: number
}

/** Less than this is no more text (a rounding of sub-pixel layout). */
const SLACK = 2
/** A page of text keeps this much of the one before in view, to read on from. */
const OVERLAP = 0.15

/**
 * Where a step's text scrolls to for a next or previous move, when a long
 * text has more that way: a clicker pages through the text before it moves
 * to the next step. Null when the move is the step's to make.
 */
export function pageThrough(move: PresenterMove, text: Scrolled): number | null {
  const page = Math.max(1, Math.round(text.clientHeight * (1 - OVERLAP)))
  const end = text.scrollHeight - text.clientHeight
  if (move === 'next' && text.scrollTop < end - SLACK) return Math.min(end, text.scrollTop + page)
  if (move === 'previous' && text.scrollTop > SLACK) return Math.max(0, text.scrollTop - page)
  return null
}

/** Whether the text has more below what shows. */
export const moreBelow = (text: Scrolled): boolean => text.scrollTop < text.scrollHeight - text.clientHeight - SLACK
