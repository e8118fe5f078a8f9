/**
 * The CodeMirror 6 set-up for a code node: JavaScript highlighting in the
 * page's own colours (light and dark), line numbers, history, and a way to
 * mark the line of a compile error. Invisible and direction-changing
 * characters (bidi controls, zero-width ones, every Unicode format
 * character) are drawn as `<U+202E>` markers and warned about in the lint,
 * as code hosts do against "Trojan Source". Loaded only with the editor.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { javascript } from '@codemirror/lang-javascript'
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { EditorState, StateEffect, StateField, Transaction, type Extension } from '@codemirror/state'
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers, type DecorationSet } from '@codemirror/view'
import { tags } from '@lezer/highlight'

import { HIDDEN_CHAR_SOURCE, hiddenCharMarker, hiddenCharName, splitHidden } from '../../engine'
import type { SourceCheck } from '../../sandbox/check-source'

/** Colours as CSS variables, so the page's dark mode reaches the code too. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: 'var(--code-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--code-function)' },
  { tag: [tags.propertyName], color: 'var(--code-property)' },
])

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--text)', fontSize: '13px', border: '1px solid var(--border-strong)', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5', minHeight: '180px', maxHeight: '420px' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent) !important' },
  '.cm-error-line': { backgroundColor: 'var(--danger-soft)' },
  '.cm-hiddenChar': {
    padding: '0 1px',
    color: 'var(--danger)',
    backgroundColor: 'var(--warning-soft)',
    border: '1px solid var(--warning-border)',
    borderRadius: '3px',
    fontWeight: '600',
  },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
})

const markLine = StateEffect.define<number | null>()

/** The line of the latest compile error, shaded (a position, or none). */
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(lines, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(markLine)) continue
      if (effect.value === null) return Decoration.none
      const line = tr.state.doc.lineAt(Math.min(effect.value, tr.state.doc.length))
      return Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(line.from)])
    }
    return lines.map(tr.changes)
  },
  provide: (field) => EditorView.decorations.from(field),
})

/** Each hidden character as a marker, named for the pointer and for screen readers. */
const hiddenChars = highlightSpecialChars({
  addSpecialChars: new RegExp(HIDDEN_CHAR_SOURCE, 'u'),
  render(code) {
    const span = document.createElement('span')
    span.className = 'cm-hiddenChar'
    span.textContent = hiddenCharMarker(code)
    span.title = hiddenCharName(code)
    span.setAttribute('aria-label', hiddenCharName(code))
    return span
  },
})

/** A warning at each invisible or direction-changing character, so the gutter and the lint panel show them too. */
export function hiddenCharWarnings(text: string): Diagnostic[] {
  const warnings: Diagnostic[] = []
  for (const piece of splitHidden(text)) {
    if (!piece.hidden) continue
    warnings.push({
      from: piece.from,
      to: piece.from + piece.text.length,
      severity: 'warning',
      message: `Invisible or direction-changing character ${hiddenCharMarker(piece.code)} (${hiddenCharName(piece.code)}): the code may not do what it looks like.`,
    })
  }
  return warnings
}

export interface EditorOptions {
  doc: string
  /** The editable area's accessible name. */
  label: string
  /** Ids of what describes it (the check's message). */
  describedBy: string
  onChange: (text: string) => void
  onBlur: () => void
}

export function createEditor(parent: HTMLElement, options: EditorOptions): EditorView {
  const extensions: Extension[] = [
    lineNumbers(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    hiddenChars,
    EditorState.tabSize.of(2),
    EditorView.lineWrapping,
    javascript(),
    syntaxHighlighting(highlight),
    lintGutter(),
    errorLine,
    keymap.of([...defaultKeymap, ...historyKeymap]),
    theme,
    EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-describedby': options.describedBy, spellcheck: 'false' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString())
    }),
    EditorView.domEventHandlers({ blur: () => void options.onBlur() }),
  ]
  return new EditorView({ parent, state: EditorState.create({ doc: options.doc, extensions }) })
}

/** Shows a check on the editor: the error underlined, its line shaded and marked in the gutter, or nothing; and any hidden characters as warnings. */
export function showCheck(view: EditorView, check: SourceCheck): void {
  const length = view.state.doc.length
  const diagnostics: Diagnostic[] = check.ok
    ? []
    : [{ from: Math.min(check.from, length), to: Math.min(Math.max(check.to, check.from), length), severity: 'error', message: check.message }]
  diagnostics.push(...hiddenCharWarnings(view.state.doc.toString()))
  view.dispatch(setDiagnostics(view.state, diagnostics))
  view.dispatch({ effects: markLine.of(check.ok ? null : check.from) })
}

/** Replaces the whole text (undo in the document, a template), keeping it out of the editor's own history. */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: Transaction.addToHistory.of(false) })
}
