import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

/**
 * The code-node sandbox's worker script gets a Content-Security-Policy of
 * its own: no connections of any kind, scripts only from this origin (and
 * eval, which compiling user code needs). See src/sandbox/lockdown.ts.
 */
const SANDBOX_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'"
function sandboxCsp(): Plugin {
  const isWorker = (url = '') => /\/sandbox\/worker\.ts|\/assets\/worker-[\w-]+\.js/.test(url)
  const middleware = (req: { url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (isWorker(req.url)) res.setHeader('Content-Security-Policy', SANDBOX_CSP)
    next()
  }
  return {
    name: 'mesh-sandbox-csp',
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
  plugins: [react(), contentSecurityPolicy(), sandboxCsp()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // elkjs (auto layout) is one large chunk, loaded only when asked for; the app's own chunk stays well below this.
    chunkSizeWarningLimit: 1600,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    // A fresh checkout may have no unit tests yet; that is not a failure.
    passWithNoTests: true,
  },
})
