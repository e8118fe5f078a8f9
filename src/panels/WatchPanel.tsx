/**
 * The Watch tab: each watch after the fact (store/watch-slice.ts) — what
 * passed a wire, or entered and left a queue, over the whole recorded run:
 * a count, a sparkline of counts per stretch of ticks with the run's tick
 * marked, and every value kept, a row per value; a row seeks the run there.
 */
import { pyStr, watchBuckets, watchTitle, type WatchTarget } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import type { WatchView } from '../store/watch-slice'
import { useCalmStore } from './use-calm-store'
import { useLabels } from './use-labels'
import { VirtualList } from './VirtualList'
import './watch.css'

const tickOf = (s: { run: { tick: number } }) => s.run.tick

export function WatchPanel() {
  const watches = useMeshStore((s) => s.watches)
  if (watches.length === 0) {
    return (
      <p className="muted dock-empty">
        No watches yet. Select a wire on the canvas and choose <strong>Watch this wire</strong> in the inspector, or select a tasklet and choose <strong>Watch this queue</strong>: the
        watch lists every value that passed there over the whole run, the ticks before it was set too.
      </p>
    )
  }
  return (
    <div className="watch-panel">
      {watches.map((w) => (
        <WatchCard key={w.id} watch={w} />
      ))}
    </div>
  )
}

/** Whether the wire or the tasklet watched is still in the mesh being edited. */
function useStillThere(target: WatchTarget): boolean {
  return useMeshStore((s) =>
    target.kind === 'wire'
      ? s.document.edges.some((e) => e.source === target.from && e.port === target.port && e.target === target.to)
      : s.document.nodes.some((n) => n.id === target.node),
  )
}

const n = (count: number) => count.toLocaleString('en')

function summary(watch: WatchView): string {
  const r = watch.result
  if (!r) return ''
  const over = r.first === null ? (r.end === 0 ? 'at tick 0' : `over ticks 0–${n(r.end)}`) : `over ticks ${n(r.first)}–${n(r.last!)}`
  const values = `${n(r.arrived)} ${r.arrived === 1 ? 'value' : 'values'}`
  const what = watch.target.kind === 'queue' ? `${values} in, ${n(r.taken)} taken, ${over}` : `${values} ${over}`
  return r.more > 0 ? `${what} (the first ${n(r.values.length)} listed; ${n(r.more)} more passed)` : what
}

function WatchCard({ watch }: { watch: WatchView }) {
  const api = useMeshStoreApi()
  const label = useLabels()
  const there = useStillThere(watch.target)
  const title = watchTitle(watch.target, label)
  const r = watch.result
  return (
    <section className="watch-card" aria-label={`Watch: ${title}`}>
      <header className="watch-head">
        <h3 className="dock-subheading">{title}</h3>
        <button type="button" className="watch-remove" aria-label={`Remove the watch on ${title}`} onClick={() => api.getState().removeWatch(watch.id)}>
          Remove
        </button>
      </header>
      {!there && (
        <p className="watch-note">
          {watch.target.kind === 'wire' ? 'This wire is no longer in the mesh' : 'This tasklet is no longer in the mesh'}: what it carried in the run is kept.
        </p>
      )}
      {watch.state === 'unavailable' ? (
        <p className="watch-note">{watch.why}</p>
      ) : (
        <>
          <p className="watch-count" role="status">
            {summary(watch)}
            {watch.state === 'replaying' && r && ` · replaying the run: tick ${n(r.tick)} of ${n(r.end)}`}
            {watch.state === 'replaying' && !r && 'Replaying the run…'}
          </p>
          {r && <Sparkline watch={watch} title={title} />}
          {r && r.values.length === 0 ? (
            <p className="muted dock-empty">{watch.target.kind === 'wire' ? 'Nothing has passed along this wire in the run.' : 'Nothing has entered this queue in the run.'}</p>
          ) : (
            r && <WatchList watch={watch} title={title} />
          )}
        </>
      )}
    </section>
  )
}

const HEIGHT = 28

function Sparkline({ watch, title }: { watch: WatchView; title: string }) {
  const tick = useCalmStore(tickOf)
  const r = watch.result!
  const { bars, width } = watchBuckets(r.counts, r.end)
  const most = Math.max(1, ...bars)
  const peak = bars.indexOf(Math.max(...bars))
  const at = Math.min(tick, r.end)
  const x = (at + 0.5) / width
  const text =
    `${title}: values ${watch.target.kind === 'queue' ? 'in ' : ''}per ${width === 1 ? 'tick' : `${n(width)} ticks`} over ticks 0–${n(r.end)}` +
    (bars[peak]! > 0 ? `, most ${n(bars[peak]!)} at ticks ${n(peak * width)}–${n(Math.min(r.end, (peak + 1) * width - 1))}` : ', none') +
    `; the run is at tick ${n(tick)}`
  return (
    <svg className="watch-sparkline" role="img" aria-label={text} viewBox={`0 0 ${bars.length} ${HEIGHT}`} preserveAspectRatio="none">
      {bars.map((count, i) =>
        count > 0 ? <rect key={i} x={i + 0.1} width={0.8} y={HEIGHT - Math.max(1, (count / most) * (HEIGHT - 2))} height={Math.max(1, (count / most) * (HEIGHT - 2))} /> : null,
      )}
      <line className="watch-now" x1={x} x2={x} y1={0} y2={HEIGHT} vectorEffect="non-scaling-stroke" />
    </svg>
  )
}

function WatchList({ watch, title }: { watch: WatchView; title: string }) {
  const api = useMeshStoreApi()
  const tick = useCalmStore(tickOf)
  const r = watch.result!
  const queue = watch.target.kind === 'queue'
  return (
    <VirtualList
      label={`Values of ${title}`}
      count={r.values.length}
      rowHeight={22}
      className="mono-list watch-list"
      revision={r.tick}
      follow={false}
      row={(i) => (
        <button
          type="button"
          className="row-button"
          aria-current={r.ticks[i] === tick ? 'step' : undefined}
          title={`Seek to tick ${r.ticks[i]}`}
          onClick={() => api.getState().seek(r.ticks[i]!)}
        >
          <span className="row-tick">{r.ticks[i]}</span>
          {queue && <span className={`watch-kind is-${r.kinds[i]}`}>{r.kinds[i]}</span>}
          <span className="watch-value">{pyStr(r.values[i])}</span>
        </button>
      )}
    />
  )
}
