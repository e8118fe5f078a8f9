/**
 * The code editor (CodeMirror 6, loaded on demand), for a code node's
 * coroutine and for the written policy alike. Every change is checked at
 * once; code that passes goes to the document shortly after typing stops
 * (or when the editor loses focus), as one undoable edit, and code that does
 * not stays here with its error marked, line and column, before anything runs.
 */
import type { EditorView } from '@codemirror/view'
import { useEffect, useId, useRef, useState } from 'react'

import { countHiddenChars } from '../../engine'
import { checkPolicySource, checkSource, describeCheck, type SourceCheck } from '../../sandbox/check-source'
import { createEditor, replaceText, showCheck } from './editor-setup'

/** How long after the last key the code is applied. */
const APPLY_AFTER_MS = 400

export interface CodeEditorProps {
  /** What the code is of (a node's label, `the policy "…"`), for the editor's accessible name: "Code of …". */
  label: string
  source: string
  onApply: (source: string) => void
  /**
   * How the code is checked: as a code node's coroutine (the default), or as
   * a policy. Named, not passed as a function, so that the checker (and the
   * parser it uses) loads with this editor, never with the page.
   */
  check?: 'coroutine' | 'policy'
  /** Asks for the focus in the editor (choosing a written policy opens its editor); `onFocused` says it was given. */
  focus?: boolean
  onFocused?: () => void
}

export function CodeEditor({ label, source, onApply, check: kind = 'coroutine', focus = false, onFocused }: CodeEditorProps) {
  const checkOf = kind === 'policy' ? checkPolicySource : checkSource
  const id = useId()
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  /** The source the document holds, as far as this editor knows. */
  const applied = useRef(source)
  const pending = useRef<{ text: string; timer: ReturnType<typeof setTimeout> } | null>(null)
  const apply = useRef(onApply)
  const [check, setCheck] = useState<SourceCheck>(() => checkOf(source))
  const [hidden, setHidden] = useState(() => countHiddenChars(source))

  useEffect(() => {
    apply.current = onApply
  }, [onApply])

  useEffect(() => {
    const parent = host.current
    if (!parent) return
    const flush = () => {
      const job = pending.current
      if (!job) return
      clearTimeout(job.timer)
      pending.current = null
      applied.current = job.text
      apply.current(job.text)
    }
    const editor = createEditor(parent, {
      doc: applied.current,
      label: `Code of ${label}`,
      describedBy: `${id}-check`,
      onChange(text) {
        const result = checkOf(text)
        setCheck(result)
        setHidden(countHiddenChars(text))
        showCheck(editor, result)
        if (pending.current) clearTimeout(pending.current.timer)
        pending.current = null
        if (result.ok && text !== applied.current) pending.current = { text, timer: setTimeout(flush, APPLY_AFTER_MS) }
      },
      onBlur: flush,
    })
    showCheck(editor, checkOf(applied.current))
    view.current = editor
    return () => {
      flush()
      editor.destroy()
      view.current = null
    }
    // The editor is made once per node; later sources arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const editor = view.current
    if (!focus || !editor) return
    editor.focus()
    editor.dom.scrollIntoView({ block: 'nearest' })
    onFocused?.()
  }, [focus, onFocused])

  // The document changed under the editor (undo, a template): show what it holds now.
  useEffect(() => {
    const editor = view.current
    if (!editor || source === applied.current) return
    applied.current = source
    if (pending.current) clearTimeout(pending.current.timer)
    pending.current = null
    if (editor.state.doc.toString() !== source) replaceText(editor, source)
  }, [source])

  return (
    <div className="code-editor">
      <div ref={host} className="code-editor-host" data-testid="code-editor" />
      <p id={`${id}-check`} className={check.ok ? 'code-check' : 'code-check is-error'} aria-live="polite">
        {check.ok ? 'No errors: the code is applied as you type.' : `${describeCheck(check)}. Not applied until it is fixed.`}
      </p>
      {hidden > 0 && (
        <p className="code-hidden-warning" role="note">
          Warning: this code contains {hidden} invisible or direction-changing {hidden === 1 ? 'character' : 'characters'}, shown as &lt;U+…&gt; markers. They can make code look
          different from what it does.
        </p>
      )}
    </div>
  )
}
