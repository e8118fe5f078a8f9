/** A small picture of a demo's mesh for the gallery: a box per node in its kind's colour, a line per wire. */
import type { MeshDocument } from '../engine'

const NODE = { width: 224, height: 110 }
const PAD = 40

export function DemoPreview({ document }: { document: MeshDocument }) {
  const at = new Map(document.nodes.map((n) => [n.id, n.position]))
  const xs = document.nodes.map((n) => n.position.x)
  const ys = document.nodes.map((n) => n.position.y)
  const left = Math.min(...xs) - PAD
  const top = Math.min(...ys) - PAD
  const width = Math.max(...xs) + NODE.width + PAD - left
  const height = Math.max(...ys) + NODE.height + PAD - top
  return (
    <svg className="demo-preview" viewBox={`${left} ${top} ${width} ${height}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
      {document.edges.map((edge) => {
        const from = at.get(edge.source)
        const to = at.get(edge.target)
        if (!from || !to) return null
        const sx = from.x + NODE.width
        const sy = from.y + NODE.height / 2
        const tx = to.x
        const ty = to.y + NODE.height / 2
        const reach = Math.max(60, Math.abs(tx - sx) / 2)
        return <path key={edge.id} className="demo-preview-wire" d={`M${sx},${sy} C${sx + reach},${sy} ${tx - reach},${ty} ${tx},${ty}`} />
      })}
      {document.nodes.map((node) => (
        <rect key={node.id} className="demo-preview-node" data-kind={node.kind} x={node.position.x} y={node.position.y} width={NODE.width} height={NODE.height} rx={14} />
      ))}
    </svg>
  )
}
