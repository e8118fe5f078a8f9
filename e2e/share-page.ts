/**
 * Page helpers for the demos, lessons, sharing and files specs: the parts of
 * the page they use, found the way a person (or a screen reader) finds them.
 */
import { readFile } from 'node:fs/promises'

import { expect, type Download, type Locator, type Page } from '@playwright/test'

import type { AppPage } from './fixtures'

export class SharePage {
  readonly demosButton: Locator
  readonly shareButton: Locator
  readonly fileButton: Locator
  readonly gallery: Locator
  readonly shareDialog: Locator
  readonly lesson: Locator
  readonly printout: Locator
  readonly notices: Locator

  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {
    this.demosButton = page.getByRole('button', { name: 'Demos', exact: true })
    this.shareButton = page.getByRole('button', { name: 'Share', exact: true })
    this.fileButton = page.getByRole('button', { name: 'File', exact: true })
    this.gallery = page.getByRole('dialog', { name: 'Demos' })
    this.shareDialog = page.getByRole('dialog', { name: 'Share this mesh' })
    this.lesson = page.locator('section.lesson')
    this.printout = this.lesson.getByRole('list', { name: 'Printout' })
    this.notices = page.locator('.notices')
  }

  /** The lines the lesson's printout shows ("Sink got: 2x2"), once it shows exactly `lines`. */
  async expectPrintout(lines: string[]): Promise<void> {
    if (lines.length === 0) await expect(this.lesson.getByText('Nothing printed yet.')).toBeVisible()
    else await expect(this.printout.getByRole('listitem')).toHaveText(lines)
  }

  /** Goes to the next step and waits for its number. */
  async next(step: number, of: number): Promise<void> {
    await this.lesson.getByRole('button', { name: 'Next' }).click()
    await expect(this.lesson.getByText(`Step ${step} of ${of}`)).toBeVisible()
  }

  /** Chooses an item of the File menu. */
  async fileMenu(item: string): Promise<void> {
    await this.fileButton.click()
    await this.page.getByRole('list', { name: 'File' }).getByRole('button', { name: item, exact: true }).click()
  }

  /** Chooses a File menu item that downloads a file, and returns the download. */
  async download(item: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.fileMenu(item)])
    return download
  }

  /** Opens a file with File › Open…, as a person picks it in the file chooser. */
  async openFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.fileMenu('Open…')])
    await chooser.setFiles(file)
  }

  /** The share link the dialog shows (read from its text field, not the clipboard). */
  async shareLink(options: { atTick?: boolean } = {}): Promise<string> {
    await this.shareButton.click()
    await expect(this.shareDialog).toBeVisible()
    if (options.atTick) await this.shareDialog.getByRole('checkbox', { name: /Open at the current tick/ }).check()
    const link = await this.shareDialog.getByLabel('Link', { exact: true }).inputValue()
    await this.page.keyboard.press('Escape')
    await expect(this.shareDialog).toBeHidden()
    return link
  }
}

/** A download's text. */
export async function downloadText(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8')
}

/** What the canvas shows of the mesh: node labels and wires, sorted, so two pages can be compared. */
export async function meshOnCanvas(page: Page): Promise<{ nodes: string[]; wires: string[] }> {
  const nodes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
  const wires = await page.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
  return { nodes: nodes.sort(), wires: wires.sort() }
}

/** What every node card shows of the run now: its queue and, for a sink, what it received. */
export async function runOnCanvas(page: Page): Promise<Record<string, string>> {
  const cards = await page
    .locator('.mesh-node')
    .evaluateAll((els) => els.map((el) => [el.getAttribute('data-testid') ?? '', [...el.querySelectorAll('.mesh-queue, .mesh-sink')].map((part) => part.textContent).join(' | ')]))
  return Object.fromEntries(cards)
}
