/**
 * Runs the command-line tools of installed packages with the current Node,
 * streaming their output. Shared by the test runner scripts.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * The absolute path of a package's executable, as npm would link it in node_modules/.bin.
 * @param {string} pkg package name, e.g. `typescript`
 * @param {string} [bin] executable name when it differs from the package's, e.g. `tsc`
 */
export function binPath(pkg, bin = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`)
  /** @type {{ bin?: string | Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin]
  if (!entry) throw new Error(`${pkg} has no "${bin}" executable`)
  return join(dirname(manifestPath), entry)
}

/**
 * Runs a Node script with inherited stdio; resolves to its exit code.
 * Ctrl-C reaches the child through the terminal's process group, so this
 * process only waits for it to finish; SIGTERM is passed on to the child.
 * @param {string} script
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
export function runNode(script, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit', env })
    const ignore = () => {}
    const forward = () => child.kill('SIGTERM')
    process.on('SIGINT', ignore)
    process.on('SIGTERM', forward)
    child.on('error', (error) => {
      console.error(`Could not start ${script}: ${error.message}`)
      resolve(1)
    })
    child.on('close', (code, signal) => {
      process.off('SIGINT', ignore)
      process.off('SIGTERM', forward)
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))
    })
  })
}
