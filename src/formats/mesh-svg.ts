/**
 * The mesh as an SVG picture, written from the document (and, when given,
 * the sizes and port positions the canvas measured, and what the run shows):
 * for "Export SVG" and, drawn onto a canvas, "Export PNG". Every text from
 * the document is escaped, so a label cannot become markup. Always light,
 * for slides and print, whatever the page's colour scheme.
 */
import { ownValue, portsOf, pyStr, type MeshDocument, type MeshNode, type Output, type Value } from '../engine'
import { KIND_COLOURS } from './kind-colours'

/** Where a node sits and how it is drawn; offsets are from the node's top left. */
export interface NodeBox {
  x: number
  y: number
  width: number
  height: number
  /** The centre of each output port's handle, from the top. */
  ports: Readonly<Record<string, number>>
  /** The centre of the input handle, from the top. */
  input: number
}

/** What the run shows on each node, as the canvas shows it. */
export interface PictureRun {
  queues: Readonly<Record<string, { length: number; head: readonly Value[] }>>
  outputs: Readonly<Record<string, readonly Output[]>>
}

export interface PictureOptions {
  boxes?: Readonly<Record<string, NodeBox>>
  run?: PictureRun
}

const WIDTH = 224
const HEAD = 48
const LINE = 20
const PORT_LINE = 22
const PAD = 32
const TITLE_SPACE = 36
const SHOWN_ITEMS = 5
const SHOWN_OUTPUTS = 4
const MAX_TEXT = 28

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Whether XML 1.0 can hold a character: not most controls, lone surrogates or U+FFFE/U+FFFF. */
function xmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa || code === 0xd
  return !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff
}

/** Text made safe for SVG (and cut to a length that fits the card). */
export function escapeXml(text: string, max = Infinity): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text
  let out = ''
  // By code point: a pair of surrogates is one character; a lone one cannot be written.
  for (const ch of cut) out += xmlChar(ch.codePointAt(0)!) ? (ESCAPES[ch] ?? ch) : '\ufffd'
  return out
}

const fmt = (n: number) => String(Math.round(n * 10) / 10)

function lines(node: MeshNode, run: PictureRun | undefined): string[] {
  const out: string[] = []
  const queue = ownValue(run?.queues, node.id)
  if (queue) {
    const items = queue.head.slice(0, SHOWN_ITEMS).map((v) => pyStr(v))
    const more = queue.length > items.length ? ` +${queue.length - items.length}` : ''
    out.push(`queue ${queue.length}${items.length ? `: ${items.join(' ')}${more}` : ''}`)
  }
  const outputs = ownValue(run?.outputs, node.id)
  if (node.kind === 'sink' && outputs) {
    out.push(
      `received ${outputs.length}${
        outputs.length
          ? `: ${outputs
              .slice(-SHOWN_OUTPUTS)
              .map((o) => pyStr(o.value))
              .join(' ')}`
          : ''
      }`,
    )
  }
  return out
}

/** A box for each node: as measured, or as the card is usually drawn. */
function boxOf(node: MeshNode, run: PictureRun | undefined, measured: NodeBox | undefined): NodeBox {
  if (measured) return measured
  const body = HEAD + lines(node, run).length * LINE
  const ports = portsOf(node)
  const height = body + ports.length * PORT_LINE + 8
  return {
    x: node.position.x,
    y: node.position.y,
    width: WIDTH,
    height,
    ports: Object.fromEntries(ports.map((port, i) => [port, body + i * PORT_LINE + PORT_LINE / 2])),
    input: height / 2,
  }
}

/** React Flow's bezier: the control points reach out further when the target lies behind the source. */
function wirePath(sx: number, sy: number, tx: number, ty: number): string {
  const reach = (d: number) => (d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d))
  const c1 = sx + reach(tx - sx)
  const c2 = tx - reach(tx - sx)
  return `M${fmt(sx)},${fmt(sy)} C${fmt(c1)},${fmt(sy)} ${fmt(c2)},${fmt(ty)} ${fmt(tx)},${fmt(ty)}`
}

function nodeSvg(node: MeshNode, box: NodeBox, run: PictureRun | undefined): string {
  const colour = KIND_COLOURS[node.kind]
  const x = fmt(box.x)
  const y = box.y
  const text = (dy: number, content: string, attrs: string) => `<text x="${fmt(box.x + 14)}" y="${fmt(y + dy)}" ${attrs}>${content}</text>`
  const parts = [
    `<g class="node" data-id="${escapeXml(node.id)}">`,
    `<rect x="${x}" y="${fmt(y)}" width="${fmt(box.width)}" height="${fmt(box.height)}" rx="8" fill="#ffffff" stroke="#cbd5e1"/>`,
    `<rect x="${x}" y="${fmt(y)}" width="5" height="${fmt(box.height)}" rx="2" fill="${colour}"/>`,
    text(22, escapeXml(node.label, MAX_TEXT), 'font-size="15" font-weight="650" fill="#0f172a"'),
    text(38, escapeXml(node.kind.toUpperCase()), 'font-size="11" letter-spacing="0.5" fill="#475569"'),
    ...lines(node, run).map((line, i) => text(HEAD + 14 + i * LINE, escapeXml(line, MAX_TEXT + 4), 'font-size="12.5" fill="#0f172a"')),
    `<circle cx="${x}" cy="${fmt(y + box.input)}" r="5" fill="#ffffff" stroke="#64748b" stroke-width="2"/>`,
  ]
  for (const port of portsOf(node)) {
    const py = y + (ownValue(box.ports, port) ?? box.height / 2)
    parts.push(`<text x="${fmt(box.x + box.width - 12)}" y="${fmt(py + 4)}" text-anchor="end" font-size="12" fill="#475569">${escapeXml(port)}</text>`)
    parts.push(`<circle cx="${fmt(box.x + box.width)}" cy="${fmt(py)}" r="5" fill="#ffffff" stroke="#64748b" stroke-width="2"/>`)
  }
  parts.push('</g>')
  return parts.join('')
}

/** The mesh as a standalone SVG document. */
export function meshSvg(doc: MeshDocument, { boxes = {}, run }: PictureOptions = {}): string {
  const placed = new Map(doc.nodes.map((node) => [node.id, boxOf(node, run, ownValue(boxes, node.id))]))
  let left = Infinity
  let top = Infinity
  let right = -Infinity
  let bottom = -Infinity
  for (const box of placed.values()) {
    left = Math.min(left, box.x)
    top = Math.min(top, box.y)
    right = Math.max(right, box.x + box.width)
    bottom = Math.max(bottom, box.y + box.height)
  }
  if (placed.size === 0) [left, top, right, bottom] = [0, 0, 320, 80]
  const minX = left - PAD
  const minY = top - PAD - TITLE_SPACE
  const width = Math.ceil(right - left + 2 * PAD)
  const height = Math.ceil(bottom - top + 2 * PAD + TITLE_SPACE)

  const wires = doc.edges.flatMap((edge) => {
    const from = placed.get(edge.source)
    const to = placed.get(edge.target)
    if (!from || !to) return []
    const sy = from.y + (ownValue(from.ports, edge.port) ?? from.height / 2)
    return [`<path d="${wirePath(from.x + from.width + 5, sy, to.x - 6, to.y + to.input)}" fill="none" stroke="#64748b" stroke-width="2" marker-end="url(#arrow)"/>`]
  })
  const title = doc.title ? `<text x="${fmt(minX + PAD)}" y="${fmt(minY + PAD)}" font-size="16" font-weight="650" fill="#0f172a">${escapeXml(doc.title, 120)}</text>` : ''

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${fmt(minX)} ${fmt(minY)} ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title>${escapeXml(doc.title || 'Mesh')}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker></defs>',
    `<rect x="${fmt(minX)}" y="${fmt(minY)}" width="${width}" height="${height}" fill="#f8fafc"/>`,
    title,
    `<g class="wires">${wires.join('')}</g>`,
    `<g class="nodes">${doc.nodes.map((node) => nodeSvg(node, placed.get(node.id)!, run)).join('')}</g>`,
    '</svg>\n',
  ].join('')
}
