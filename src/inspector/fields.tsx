/** Form fields that commit on Enter or when they lose focus, and show the store's value otherwise. */
import { useId, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react'

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'>

interface CommitFieldProps extends InputProps {
  label: string
  value: string
  /** Returns an error to show, or nothing when the value was taken. */
  onCommit: (text: string) => string | void
  hint?: string
}

/** A labelled text field; Escape puts back the stored value. */
export function CommitField({ label, value, onCommit, hint, className, ...rest }: CommitFieldProps) {
  const id = useId()
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
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        {...rest}
        id={id}
        value={draft ?? value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
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
