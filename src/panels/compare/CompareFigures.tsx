/**
 * The comparison's scheduling figures in one table: a row per figure, a
 * column per lane, the best of each row marked with a star and said in
 * words ("best"), not by colour alone.
 */
import type { LaneSpec, LaneView } from '../../engine'
import type { CompareRecord } from '../../store/compare-slice'
import { specName } from './compare-choices'
import { figureRows } from './compare-figures'

export function CompareFigures({ specs, lanes, records, done }: { specs: readonly LaneSpec[]; lanes: readonly LaneView[]; records: readonly CompareRecord[] | null; done: boolean }) {
  const rows = figureRows(specs.map((_, i) => ({ figures: records?.[i]?.figures.mesh ?? null, stopped: lanes[i]?.stopped ?? null })))
  const upTo = records?.reduce((most, r) => Math.max(most, r.lanes.ticks), 0) ?? 0
  return (
    <div className="compare-figures-box">
      <table className="compare-figures">
        <caption>
          Scheduling figures{done ? ', each lane run to its end' : records ? `, up to tick ${upTo.toLocaleString('en')} so far` : ''}. <span aria-hidden="true">★</span> marks the best
          of a row.
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {specs.map((spec, i) => (
              <th key={i} scope="col">
                Lane {i + 1}: {specName(spec)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" title={row.hint}>
                {row.label}
                {row.same && <span className="muted"> · the same in every lane</span>}
              </th>
              {row.cells.map((cell, i) => (
                <td key={i} data-best={row.best[i] ? 'true' : undefined}>
                  {cell}
                  {row.best[i] && (
                    <>
                      {' '}
                      <span className="compare-best-mark" aria-hidden="true">
                        ★
                      </span>
                      <span className="visually-hidden">best</span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
