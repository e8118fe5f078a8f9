/**
 * The `_headers` file that static hosts read (Netlify, Cloudflare Pages):
 * a path pattern on a line of its own, its headers indented beneath it as
 * `Name: value`, `#` for comments. A `*` matches any characters, `:name` one
 * path segment. public/_headers holds the sandbox worker's policy; the dev
 * and preview servers send what it says (vite.config.ts), as the host will.
 */
export interface HeaderRule {
  path: string
  headers: [name: string, value: string][]
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = []
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    if (!/^\s/.test(line)) {
      rules.push({ path: trimmed, headers: [] })
      continue
    }
    const colon = trimmed.indexOf(':')
    const rule = rules[rules.length - 1]
    if (!rule || colon <= 0) throw new Error(`_headers: "${trimmed}" is not a header under a path`)
    rule.headers.push([trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()])
  }
  return rules
}

/** Whether a request path (no query) matches a rule's pattern. */
export function pathMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+'))
    .join('.*')
  return new RegExp(`^${source}$`).test(path)
}

/** The headers every rule matching `path` gives, in file order. */
export function headersFor(rules: readonly HeaderRule[], path: string): [string, string][] {
  return rules.filter((rule) => pathMatches(rule.path, path)).flatMap((rule) => rule.headers)
}
