import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

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
  plugins: [react(), contentSecurityPolicy()],
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
