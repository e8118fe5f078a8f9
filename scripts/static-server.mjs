#!/usr/bin/env node
/**
 * A plain static file server, as GitHub Pages or `python -m http.server`
 * would be: it serves a build folder with a content type and nothing else,
 * no Content-Security-Policy or any other header from public/_headers. The
 * e2e tests run the sandbox's attacks against it as well as `vite preview`.
 *
 * usage: node scripts/static-server.mjs <folder> <port>
 */
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'

const [folder = 'dist', port = '4274'] = process.argv.slice(2)
const root = resolve(folder)
/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
}

/** @param {string} url @returns {string | null} */
function fileFor(url) {
  const path = normalize(decodeURIComponent(new URL(url, 'http://host').pathname))
  const file = join(root, path)
  if (!file.startsWith(root)) return null
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) return fileFor(`${path.replace(/\/$/, '')}/index.html`)
    return stat.isFile() ? file : null
  } catch {
    return null
  }
}

createServer((req, res) => {
  const file = fileFor(req.url ?? '/')
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('not found')
    return
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(res)
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port} with no headers of its own`))
