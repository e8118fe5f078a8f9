/** The snippet that embeds a mesh in a page: an iframe of the read-only embed view. */

/** The iframe's size: 16:9, as slides are. */
export const EMBED_SIZE = { width: 800, height: 450 }

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** The address of the embed view for a link's hash (`#mesh=…`), from the page's address without query or hash. */
export function embedAddress(base: string, hash: string): string {
  return `${base}?embed${hash}`
}

/** `<iframe src="…?embed#mesh=…" width="800" height="450" title="Mesh Playground"></iframe>` */
export function embedSnippet(base: string, hash: string): string {
  return `<iframe src="${attribute(embedAddress(base, hash))}" width="${EMBED_SIZE.width}" height="${EMBED_SIZE.height}" title="Mesh Playground"></iframe>`
}
