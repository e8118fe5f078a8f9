/**
 * A list of fixed-height rows that renders only those in view, so it holds
 * a hundred thousand lines and scrolls smoothly. While scrolled to the end
 * it follows new rows as they come.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'

/** Rows rendered beyond the view on either side. */
const OVERSCAN = 8

export interface VirtualListProps {
  count: number
  rowHeight: number
  /** Draws row i (0 is the oldest). */
  row(index: number): ReactNode
  label: string
  /** Changes when rows change without the count changing (a ring that dropped its oldest). */
  revision?: number
  className?: string
  /** Whether it starts at the end and follows new rows there (the default); false: it starts at the first row. */
  follow?: boolean
}

export function VirtualList({ count, rowHeight, row, label, revision, className, follow = true }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 0 })
  const following = useRef(follow)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight })
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // New rows arrive: stay at the end if the reader was there.
  useEffect(() => {
    const element = scroller.current
    if (element && following.current) element.scrollTop = element.scrollHeight
  }, [count, revision])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight
    setView({ top: element.scrollTop, height: element.clientHeight })
  }

  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN)
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN)
  const rows: ReactNode[] = []
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} role="listitem" className="virtual-row" aria-setsize={count} aria-posinset={i + 1} style={{ top: i * rowHeight, height: rowHeight }}>
        {row(i)}
      </div>,
    )
  }
  return (
    <div ref={scroller} className={`virtual-list ${className ?? ''}`} tabIndex={0} role="list" aria-label={label} onScroll={onScroll}>
      <div className="virtual-space" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  )
}
