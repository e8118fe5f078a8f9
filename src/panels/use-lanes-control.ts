/**
 * A lanes chart's control (lanes/lanes-control.ts) on a canvas in a box the
 * panel lays out: made once, told the box's size as it changes, and its
 * status kept for the panel's words. The Lanes panel's chart and the
 * Compare panel's stacked charts each use one.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'

import { createLanesControl, type LanesCallbacks, type LanesControl, type LanesStatus } from './lanes/lanes-control'
import { describeWindow } from './lanes/lanes-text'

/** The summary of the ticks in view waits for scrolling to pause: nobody reads it mid-scroll, and it costs a pass over the lanes. */
const SUMMARY_DELAY = 200

export function useLanesControl(callbacks: Omit<LanesCallbacks, 'onStatus'>) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const [control, setControl] = useState<LanesControl | null>(null)
  const [status, setStatus] = useState<LanesStatus | null>(null)
  // The control is made once; the callbacks it calls are always the latest render's.
  const latest = useRef(callbacks)
  useLayoutEffect(() => {
    latest.current = callbacks
  })

  useLayoutEffect(() => {
    const made = createLanesControl(canvas.current!, {
      onSeek: latest.current.onSeek ? (tick) => latest.current.onSeek?.(tick) : undefined,
      onWindow: (window) => latest.current.onWindow?.(window),
      onStatus: setStatus,
    })
    setControl(made)
    return () => made.destroy()
  }, [])

  useLayoutEffect(() => {
    const element = box.current
    if (!control || !element) return
    const measure = () => control.resize(element.clientWidth, element.clientHeight)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [control])

  return { canvas, box, control, status }
}

/** The ticks in view in words (describeWindow), once scrolling pauses. */
export function useLanesSummary(control: LanesControl | null, labels: readonly string[], status: LanesStatus | null): string {
  const [summary, setSummary] = useState('')
  const from = status?.from ?? 0
  const to = status?.to ?? 0
  const ticks = status?.ticks ?? 0
  useEffect(() => {
    if (!control) return
    const timer = setTimeout(() => setSummary(describeWindow(control.index, labels, from, to, ticks)), SUMMARY_DELAY)
    return () => clearTimeout(timer)
  }, [control, labels, from, to, ticks])
  return summary
}
