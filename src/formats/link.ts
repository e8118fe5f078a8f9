/**
 * Share links: the whole mesh document in the URL hash, compressed with
 * lz-string as the TypeScript playground does.
 *
 *     #mesh=3.N4Ig….k3x9a&tick=120
 *
 * `3` is the link format (1 before groups, 2 before lessons: link-v1.ts,
 * link-v2.ts, link-v3.ts; 4 for a link that carries the run as it was
 * explored, link-v4.ts); each format has its own reader, kept forever, so
 * a link made today opens in every later version (see docs/sharing.md).
 * After the packed data comes a check of what it unpacks to, so that a
 * link changed in copying is refused rather than opened as another mesh.
 * Whatever a link holds is untrusted: it is unpacked under a size cap,
 * checked, and handed to the engine's `parseDocument`; never cast, never
 * run, and labels stay plain text.
 */
import LZString from 'lz-string'
import { excerpt, joinErrors, MAX_MESSAGE, parseDocument, type MeshDocument, type TimelineHistory } from '../engine'
import { expandV1, type ExpandResult } from './link-v1'
import { expandV2 } from './link-v2'
import { compactV3, expandV3 } from './link-v3'
import { compactV4, expandHistoryV4, expandV4 } from './link-v4'
import { decompressBounded } from './lz'
import { count } from '../engine'
import { openResult } from './open-result'
import { parseRecording, RECORDING_FORMAT, RECORDING_VERSION, type Recording } from './recording'

/** The link format encodeLink writes for a mesh. */
export const LINK_VERSION = 3
/** The link format encodeLink writes for a mesh with the run as it was explored (its hand actions and edits). */
export const RUN_LINK_VERSION = 4
/** The newest link format this version reads. */
const NEWEST_FORMAT = RUN_LINK_VERSION
/** Links longer than this are not offered: the mesh is offered as a file instead (chat apps and some browsers cut long URLs). */
export const MAX_LINK_LENGTH = 8_000
/** decodeLink refuses longer input outright. */
export const MAX_LINK_INPUT = 100_000
/** A link may unpack to at most this many characters; more is refused before anything is parsed. */
export const MAX_UNPACKED = 100_000
/** The furthest tick a link may open at (the largest activation budget a document may have). */
export const MAX_TICK = 1_000_000_000

const KEY = 'mesh'

/** Readers by link format: one per format ever released, never removed. */
const READERS: Record<number, (data: unknown) => ExpandResult> = {
  1: expandV1,
  2: expandV2,
  3: expandV3,
  4: expandV4,
}

/** A link read: its mesh, the tick to open at, and (format 4) the run as it was explored, to be done again to that tick. */
export type DecodedLink = { ok: true; document: MeshDocument; tick?: number; recording?: Recording } | { ok: false; error: string }

/** What a link carries: the tick to open at and, for a run that was acted on by hand, its history up to that tick (whose document the link holds). */
export interface LinkOptions {
  tick?: number
  /** The run's history, ending at `tick`: a format-4 link, which does it again. */
  history?: TimelineHistory
}

/** FNV-1a over the UTF-16 code units, in base 36: a check against changes in copying, not against forgery. */
export function checkOf(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}

function packed(doc: MeshDocument, history: TimelineHistory | undefined): { json: string; payload: string; format: number } {
  const json = JSON.stringify(history ? compactV4(history) : compactV3(doc))
  return { json, payload: `${LZString.compressToEncodedURIComponent(json)}.${checkOf(json)}`, format: history ? RUN_LINK_VERSION : LINK_VERSION }
}

function withTick({ payload, format }: { payload: string; format: number }, tick: number | undefined): string {
  if (tick === undefined) return `#${KEY}=${format}.${payload}`
  if (!Number.isSafeInteger(tick) || tick < 0 || tick > MAX_TICK) throw new RangeError(`tick ${tick} is not a whole number from 0 to ${MAX_TICK}`)
  return `#${KEY}=${format}.${payload}&tick=${tick}`
}

/** The history a link carries: none without a tick or with nothing in it, else cut at the tick (nothing after it is needed to land there). */
function carried({ tick, history }: LinkOptions): TimelineHistory | undefined {
  if (!history || tick === undefined) return undefined
  const entries = history.entries.filter((entry) => entry.tick <= tick)
  return entries.length === 0 ? undefined : { document: history.document, entries, end: Math.min(tick, history.end) }
}

/**
 * The URL hash fragment that carries a document (and the tick to open at).
 * Positions are rounded to whole numbers. Use `linkOrFile` to offer one: it
 * also checks the link is not too long.
 * @example location.hash = encodeLink(doc, { tick: 12 })
 */
export function encodeLink(doc: MeshDocument, opts: LinkOptions = {}): string {
  return withTick(packed(doc, carried(opts)), opts.tick)
}

export type LinkOrFile = { ok: true; link: string } | { ok: false; reason: string }

/** A link for the document, or why it should be saved as a file instead (saying so when it is the lesson that makes it too long). */
export function linkOrFile(doc: MeshDocument, opts: LinkOptions = {}): LinkOrFile {
  const history = carried(opts)
  const pack = packed(doc, history)
  const { json } = pack
  const link = withTick(pack, opts.tick)
  if (json.length <= MAX_UNPACKED && link.length <= MAX_LINK_LENGTH) return { ok: true, link }
  if (history) {
    const what = json.length > MAX_UNPACKED ? `${count(json.length)} characters of data; a link carries at most ${count(MAX_UNPACKED)}` : `${count(link.length)} characters long`
    return {
      ok: false,
      reason: `With what was done to it by hand, this run is too much for a link (${what}). Save a recording (File › Save recording) and share the file instead.`,
    }
  }
  const { lesson, ...mesh } = doc
  const without = lesson ? linkOrFile(mesh, opts) : null
  const cause = without?.ok ? 'With its lesson, this mesh' : 'This mesh'
  const after = without?.ok ? ' (without the lesson it would fit)' : ''
  if (json.length > MAX_UNPACKED) {
    return {
      ok: false,
      reason: `${cause} holds too much for a link (${count(json.length)} characters of data; a link carries at most ${count(MAX_UNPACKED)})${after}. Save it as a file and share the file instead.`,
    }
  }
  return {
    ok: false,
    reason: `${without?.ok ? 'With its lesson, the link' : 'The link'} for this mesh would be ${count(link.length)} characters long, more than the ${count(MAX_LINK_LENGTH)} that chat apps and browsers reliably keep${after}. Save it as a file and share the file instead.`,
  }
}

const fail = (error: string): DecodedLink => ({ ok: false, error })
const DAMAGED = 'This link is damaged or incomplete (was it cut off when it was copied?)'

/**
 * Reads a link's hash fragment (or the whole URL) back into a document.
 * Never throws: a bad link gives a message saying what is wrong.
 */
export function decodeLink(hash: string): DecodedLink {
  if (typeof hash !== 'string') return fail('This link is not text.')
  let text = hash.trim()
  const at = text.indexOf('#')
  if (at >= 0) text = text.slice(at + 1)
  if (text.length > MAX_LINK_INPUT) {
    return fail(`This link is too long to open: ${count(text.length)} characters, where links hold at most ${count(MAX_LINK_INPUT)}.`)
  }
  const params = new Map<string, string>()
  for (const part of text.split('&')) {
    const eq = part.indexOf('=')
    if (eq > 0 && !params.has(part.slice(0, eq))) params.set(part.slice(0, eq), part.slice(eq + 1))
  }
  const value = params.get(KEY)
  if (value === undefined) return fail(`This link has no mesh in it: expected "#${KEY}=…" after the page's address.`)

  let tick: number | undefined
  const tickText = params.get('tick')
  if (tickText !== undefined) {
    if (!/^\d{1,10}$/.test(tickText) || Number(tickText) > MAX_TICK) {
      return fail(`This link's tick, "${excerpt(tickText, 20)}", is not a whole number from 0 to ${count(MAX_TICK)}.`)
    }
    tick = Number(tickText)
  }

  const dot = value.indexOf('.')
  const versionText = dot >= 0 ? value.slice(0, dot) : ''
  if (!/^\d{1,6}$/.test(versionText)) return fail(`${DAMAGED}: it does not begin with a format number such as "${KEY}=${LINK_VERSION}.".`)
  const version = Number(versionText)
  const read = READERS[version]
  if (!read) {
    return fail(
      version > NEWEST_FORMAT
        ? `This link was made by a newer Mesh Playground (link format ${version}; this one reads formats up to ${NEWEST_FORMAT}). Reload the page to get the newest version.`
        : `This link says it is in link format ${version}, which Mesh Playground has never made.`,
    )
  }

  let payload = value.slice(dot + 1)
  const checkAt = payload.lastIndexOf('.')
  const check = checkAt >= 0 ? payload.slice(checkAt + 1) : ''
  payload = checkAt >= 0 ? payload.slice(0, checkAt) : payload
  if (payload.includes('%')) {
    // Some chat apps percent-encode the `$` and `+` lz-string uses.
    try {
      payload = decodeURIComponent(payload)
    } catch {
      return fail(`${DAMAGED}: it has a broken %-escape.`)
    }
  }
  if (payload === '') return fail(`${DAMAGED}: the mesh data is missing.`)
  const unpacked = decompressBounded(payload, MAX_UNPACKED)
  if (!unpacked.ok) {
    return fail(
      unpacked.reason === 'too-large'
        ? `This link unpacks to more than ${count(MAX_UNPACKED)} characters, more than any link Mesh Playground makes, so it was not opened.`
        : `${DAMAGED}: its data cannot be unpacked.`,
    )
  }
  if (check !== checkOf(unpacked.text)) {
    return fail(`${DAMAGED}: ${check ? 'its check does not match its data' : 'the check at its end is missing'}.`)
  }
  let data: unknown
  try {
    data = JSON.parse(unpacked.text)
  } catch {
    return fail(`${DAMAGED}: its data is not a mesh.`)
  }
  const expanded = read(data)
  if (!expanded.ok) return fail(`${DAMAGED}: ${joinErrors(expanded.errors, MAX_MESSAGE - DAMAGED.length - 3)}.`)
  if (version === RUN_LINK_VERSION) return withRun(expanded.json, data, tick)
  const opened = openResult('This link', parseDocument(expanded.json))
  if (!opened.ok) return opened
  return tick === undefined ? opened : { ...opened, tick }
}

/** A format-4 link: its document and its run, read as a recording is (the same checks), landing on the link's tick (its run's end when it names none). */
function withRun(document: Record<string, unknown>, data: unknown, tick: number | undefined): DecodedLink {
  const history = expandHistoryV4(data)
  if (!history.ok) return fail(`${DAMAGED}: ${joinErrors(history.errors, MAX_MESSAGE - DAMAGED.length - 3)}.`)
  const parsed = parseRecording({ format: RECORDING_FORMAT, version: RECORDING_VERSION, document, entries: history.entries, end: history.end, tick: tick ?? history.end })
  if (!parsed.ok) return openResult("This link's run", parsed)
  const { recording } = parsed
  return { ok: true, document: recording.history.document, tick: recording.tick, recording }
}
