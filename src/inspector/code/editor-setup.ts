/**
 * The CodeMirror 6 set-up for a code node: JavaScript highlighting in the
 * page's own colours (light and dark), line numbers, history, and a way to
 * mark the line of a compile error. Loaded only with the editor.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { javascript } from '@codemirror/lang-javascript'
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { EditorState, StateEffect, StateField, Transaction, type Extension } from '@codemirror/state'
import { Decoration, drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, type DecorationSet } from '@codemirror/view'
import { tags } from '@lezer/highlight'

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

/** Shows a check on the editor: the error underlined, its line shaded and marked in the gutter, or nothing. */
export function showCheck(view: EditorView, check: SourceCheck): void {
  const length = view.state.doc.length
  const diagnostics: Diagnostic[] = check.ok
    ? []
    : [{ from: Math.min(check.from, length), to: Math.min(Math.max(check.to, check.from), length), severity: 'error', message: check.message }]
  view.dispatch(setDiagnostics(view.state, diagnostics))
  view.dispatch({ effects: markLine.of(check.ok ? null : check.from) })
}

/** Replaces the whole text (undo in the document, a template), keeping it out of the editor's own history. */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: Transaction.addToHistory.of(false) })
}
