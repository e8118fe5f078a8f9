#!/usr/bin/env node
/**
 * Finds a Chromium for the end-to-end tests, installing one if there is none.
 *
 * Order: $CHROMIUM_PATH, the system browsers (/usr/bin/chromium,
 * /usr/bin/chromium-browser, /usr/bin/google-chrome), then Playwright's own
 * downloaded Chromium. If none exists: as root on Debian/Ubuntu it runs
 * `apt-get update` and `apt-get install -y chromium`; anywhere else it runs
 * `npx playwright install chromium`.
 *
 * As a module: `const path = await findChromium()`.
 * As a CLI: `node scripts/find-chromium.mjs [--no-install]` prints the path on
 * stdout (progress goes to stderr) and exits 1 if no browser could be found.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** @param {string} message */
function log(message) {
  console.error(`[find-chromium] ${message}`)
}

/**
 * Runs a command with inherited output; returns whether it exited with 0.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = process.env) {
  log(`$ ${[command, ...args].join(' ')}`)
  // Progress goes to stderr so that stdout stays just the path in CLI use.
  const result = spawnSync(command, args, { stdio: ['ignore', process.stderr, process.stderr], env })
  if (result.error) log(`could not run ${command}: ${result.error.message}`)
  return result.status === 0
}

/** Playwright's downloaded Chromium, if it has been installed. */
async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test')
    const path = chromium.executablePath()
    return path && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

/** The first browser that already exists, without installing anything. */
async function findExisting() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) {
      log(`using CHROMIUM_PATH=${fromEnv}`)
      return fromEnv
    }
    log(`CHROMIUM_PATH=${fromEnv} does not exist; looking elsewhere`)
  }
  for (const path of SYSTEM_BROWSERS) {
    if (existsSync(path)) {
      log(`using ${path}`)
      return path
    }
  }
  const bundled = await playwrightChromium()
  if (bundled) log(`using Playwright's Chromium at ${bundled}`)
  return bundled
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
}

/**
 * Returns the path of a Chromium executable, installing one when none is found.
 * @param {{ install?: boolean }} [options] install: false only looks.
 * @returns {Promise<string>}
 */
export async function findChromium({ install = true } = {}) {
  const existing = await findExisting()
  if (existing) return existing
  if (!install) throw new Error('No Chromium found (set CHROMIUM_PATH, or run without --no-install).')

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && hasAptGet()) {
    log('no Chromium found; installing it with apt-get')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    if (run('apt-get', ['update'], env) && run('apt-get', ['install', '-y', 'chromium'], env)) {
      for (const path of SYSTEM_BROWSERS) {
        if (existsSync(path)) {
          log(`installed ${path}`)
          return path
        }
      }
    }
    log('apt-get could not install chromium; trying Playwright instead')
  } else {
    log("no Chromium found; installing Playwright's Chromium")
  }

  run('npx', ['playwright', 'install', 'chromium'])
  const bundled = await playwrightChromium()
  if (bundled) {
    log(`installed ${bundled}`)
    return bundled
  }
  throw new Error('No Chromium found and none could be installed. Install one, or set CHROMIUM_PATH to its executable.')
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])
if (isMain) {
  const install = !process.argv.includes('--no-install')
  try {
    console.log(await findChromium({ install }))
  } catch (error) {
    log(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
