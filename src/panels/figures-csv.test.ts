import { describe, expect, it } from 'vitest'

import { recordRun, schedulingFigures, Timeline } from '../engine'
import { meshDocument } from '../engine/testing'
import { csvField, figuresCsv } from './figures-csv'

describe('the figures as CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and nothing else', () => {
    expect(csvField('doubler')).toBe('doubler')
    expect(csvField('left, right')).toBe('"left, right"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
    expect(csvField(2 / 3)).toBe('0.6667')
    expect(csvField(Number.NaN)).toBe('')
  })

  it('keeps labels from being read as formulas', () => {
    for (const label of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x","y")']) {
      const field = csvField(label)
      expect(field.startsWith(`"'`), label).toBe(true)
      // Read back as a spreadsheet would: one field, the label behind a '.
      expect(field.slice(1, -1).replaceAll('""', '"')).toBe(`'${label}`)
    }
  })

  it('has a header, a row per tasklet with its label and a row for the whole mesh', () => {
    const doc = meshDocument({
      nodes: [
        { id: 'd', kind: 'doubler', label: '=cmd|calc, "two"' },
        { id: 's', kind: 'sink', label: 'sink' },
      ],
      edges: [{ source: 'd', port: 'target', target: 's' }],
      inputs: [{ node: 'd', values: [1, 2] }],
    })
    const t = new Timeline(doc)
    t.run()
    const labels = new Map(doc.nodes.map((n) => [n.id, n.label]))
    const lines = figuresCsv(schedulingFigures(recordRun(t.history())), (id) => labels.get(id)!).split('\r\n')
    expect(lines[0]).toBe(
      'tasklet,id,activations,mean wait,longest wait,peak queue,mean queue,longest starvation,stretches over 20 ticks,starved,outputs,outputs per 100 ticks,mean turnaround,longest turnaround,fairness (Jain)',
    )
    expect(lines[1]).toBe(`"'=cmd|calc, ""two""",d,2,1.5,2,2,0.6,0,0,no,0,0,,,`)
    expect(lines[2]).toBe('sink,s,2,2,2,2,0.8,1,0,no,2,50,3.5,4,')
    expect(lines[3]).toBe('whole mesh,,4,1.75,2,2,1.4,1,0,0 of 2,2,50,3.5,4,1')
    expect(lines[4]).toBe('')
  })
})
