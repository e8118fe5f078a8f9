import { readFileSync } from 'node:fs'

import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

import { headersFor, parseHeadersFile } from './src/sandbox/static-headers.ts'

/**
 * The headers a static host sends from public/_headers (the build copies it
 * to dist/), sent by the dev and preview servers too, so that what the tests
 * see is what a deployment sends. Among them the code-node sandbox worker's
 * own Content-Security-Policy: see docs/sharing.md.
 */
const STATIC_HEADERS = parseHeadersFile(readFileSync(new URL('./public/_headers', import.meta.url), 'utf8'))
/** The dev server serves the worker from its source; it gets the headers of the file the build names assets/worker-<hash>.js. */
const DEV_WORKER = /\/src\/sandbox\/worker\.ts$/
function staticHeaders(): Plugin {
  const middleware = (req: { url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    const path = (req.url ?? '').split('?')[0]!
    for (const [name, value] of headersFor(STATIC_HEADERS, DEV_WORKER.test(path) ? '/assets/worker-dev.js' : path)) res.setHeader(name, value)
    next()
  }
  return {
    name: 'mesh:static-headers',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  }
}

/**
 * The built app's Content-Security-Policy: scripts only from the app's own
 * files, so nothing in a shared link can run even if it reached the page.
 * React Flow and CodeMirror set inline styles; exports draw blob: and data:
 * images; the code sandbox may start blob: workers. frame-ancestors cannot
 * be set from a meta tag (embedding is the point of ?embed anyway).
 * Only in builds: Vite's dev server injects an inline script for React refresh.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'mesh:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  }
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), staticHeaders()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // elkjs (auto layout) is one large chunk, loaded only when asked for; the app's own chunk stays well below this.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Everything the first paint needs in one chunk: left to itself, the bundler splits it into a dozen
        // small shared chunks (one per module a lazy panel shares with the page), each compressed on its own.
        codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    // A fresh checkout may have no unit tests yet; that is not a failure.
    passWithNoTests: true,
  },
})
