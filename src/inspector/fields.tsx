/** Form fields that commit on Enter or when they lose focus, and show the store's value otherwise. */
import { useId, useState, type ChangeEvent, type InputHTMLAttributes, type KeyboardEvent } from 'react'

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'>

interface CommitFieldProps extends InputProps {
  label: string
  value: string
  /** Returns an error to show, or nothing when the value was taken. */
  onCommit: (text: string) => string | void
  hint?: string
}

/**
 * A text input's draft of a stored value: shown while it is typed, offered to
 * `onCommit` on Enter or when the input loses focus (kept, with the error,
 * when refused), and dropped on Escape. Spread `input` on the <input>.
 */
export function useCommitDraft(value: string, onCommit: (text: string) => string | void) {
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const commit = () => {
    if (draft === null) return
    const problem = onCommit(draft)
    if (problem) setError(problem)
    else {
      setError(null)
      setDraft(null)
    }
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit()
    else if (event.key === 'Escape') {
      setDraft(null)
      setError(null)
    }
  }
  const input = {
    value: draft ?? value,
    'aria-invalid': error ? true : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement>) => setDraft(event.target.value),
    onBlur: commit,
    onKeyDown,
  }
  return { error, input }
}

/** A labelled text field; Escape puts back the stored value. */
export function CommitField({ label, value, onCommit, hint, className, ...rest }: CommitFieldProps) {
  const id = useId()
  const { error, input } = useCommitDraft(value, onCommit)
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input {...rest} id={id} {...input} aria-describedby={described} />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** A whole number, committed as a number; anything else is refused with a message. */
export function IntegerField({ label, value, onCommit, ...rest }: Omit<CommitFieldProps, 'value' | 'onCommit'> & { value: number; onCommit: (n: number) => void }) {
  return (
    <CommitField
      {...rest}
      label={label}
      value={String(value)}
      inputMode="numeric"
      onCommit={(text) => {
        const n = Number(text.trim())
        if (text.trim() === '' || !Number.isInteger(n)) return `${label}: type a whole number`
        onCommit(n)
      }}
    />
  )
}
