import { AppPage, expect, STORAGE_KEY, test } from './fixtures'
import { downloadText, meshOnCanvas, SharePage } from './share-page'

const badFile = (text: string) => ({ name: 'broken.mesh.json', mimeType: 'application/json', buffer: Buffer.from(text) })

test.describe('Files', () => {
  test.describe('saving and opening', () => {
    test('saves the mesh as a .mesh.json file and opens it again with Open…', async ({ app, page }) => {
      const share = new SharePage(app)
      await app.goto()
      const mesh = await meshOnCanvas(page)
      const download = await share.download('Save')
      expect(download.suggestedFilename()).toBe('meshing-part-3-start-branch-doubler-tripler-recycler-sink.mesh.json')
      const text = await downloadText(download)
      const saved = JSON.parse(text) as { format: string; nodes: unknown[]; seed: number }
      expect([saved.format, saved.nodes.length, saved.seed]).toEqual(['mesh-playground', 6, 5])

      await app.gotoEmpty()
      await share.openFile({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) })
      await expect(page.getByRole('status').getByText('Opened the mesh from the file.')).toBeVisible()
      expect(await meshOnCanvas(page)).toEqual(mesh)
      await expect(app.node('start')).toContainText('queue 4')
      // Opened in the app, the mesh is the current work: it is saved.
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain('recycler')
    })

    test('saves a recording of the run as explored, which a fresh page opens at the same tick with the same outputs', async ({ app, page }) => {
      const share = new SharePage(app)
      await app.goto()
      // Explore: steps, a send by hand, on to the end, then back to tick 20.
      for (let i = 0; i < 3; i++) await app.button('Step').click()
      await app.send('start', '7, 9')
      await app.button('Run to end').click()
      await expect(app.node('sink')).toContainText('received 6')
      await app.dockTab('Output').click()
      const outputsAtEnd = await app.dockPanel.getByRole('listitem').allTextContents()
      const endTick = await app.tick.innerText()
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await page.keyboard.press('Home')
      await expect(app.tick).toHaveText('0')
      for (let i = 0; i < 20; i++) await page.keyboard.press('.')
      await expect(app.tick).toHaveText('20')
      const outputsAt20 = await app.dockPanel.getByRole('listitem').allTextContents()
      const download = await share.download('Save recording')
      expect(download.suggestedFilename()).toBe('meshing-part-3-start-branch-doubler-tripler-recycler-sink-tick-20.recording.json')
      const text = await downloadText(download)
      expect(JSON.parse(text)).toMatchObject({ format: 'mesh-playground-recording', version: 1, tick: 20 })

      // Someone else, in a fresh page with a mesh of their own.
      const other = new AppPage(await page.context().newPage())
      await other.gotoEmpty()
      await new SharePage(other).openFile({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) })
      await expect(other.page.getByRole('status').getByText(/^Opened the recording: .* to tick 20 of \d+\./)).toBeVisible()
      await expect(other.tick).toHaveText('20')
      await other.dockTab('Output').click()
      await expect(other.dockPanel.getByRole('listitem')).toHaveText(outputsAt20)
      // The rest of the exploration is ahead, as it was: End goes to it, with the hand-sent items' outputs.
      await other.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await other.page.keyboard.press('End')
      await expect(other.tick).toHaveText(endTick)
      await expect(other.dockPanel.getByRole('listitem')).toHaveText(outputsAtEnd)
      await other.page.close()
    })

    test('a bad file says what is wrong and leaves the mesh as it was', async ({ app, page }) => {
      const share = new SharePage(app)
      await app.goto()
      await share.openFile(badFile('{"format": "mesh-playground", "version": 1, "nodes": [{"id": "a", "kind": "teleporter"}]}'))
      await expect(
        page.getByRole('status').getByText(/^broken\.mesh\.json: This file cannot be opened: nodes\[0\]\.kind: is not a node kind .*Your mesh is as you left it\.$/),
      ).toBeVisible()
      await share.openFile(badFile('{"nodes": [oops'))
      await expect(page.getByRole('status').getByText(/^broken\.mesh\.json: This file is not valid JSON/)).toBeVisible()
      await expect(app.nodes).toHaveCount(6)
      await expect(app.node('recycler')).toBeVisible()
    })

    test('opens a mesh file dropped on the page', async ({ app, page }) => {
      await app.gotoEmpty()
      const text = JSON.stringify({ format: 'mesh-playground', version: 1, nodes: [{ id: 'e', kind: 'echoer', label: 'dropped echoer' }] })
      await page.evaluate((content) => {
        const data = new DataTransfer()
        data.items.add(new File([content], 'dropped.mesh.json', { type: 'application/json' }))
        const target = document.querySelector('.react-flow__pane')!
        target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }))
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
      }, text)
      await expect(app.node('dropped echoer')).toBeVisible()
      await expect(page.locator('.file-drop')).toHaveCount(0)
    })
  })

  test.describe('exports', () => {
    test('exports the canvas as PNG and SVG and the mesh as a Python script', async ({ app }) => {
      const share = new SharePage(app)
      await app.goto()
      await app.button('Step').click()

      const png = await share.download('Export PNG')
      expect(png.suggestedFilename()).toBe('meshing-part-3-start-branch-doubler-tripler-recycler-sink.png')
      const { readFile } = await import('node:fs/promises')
      const bytes = await readFile(await png.path())
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000)

      const svg = await downloadText(await share.download('Export SVG'))
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      for (const label of ['start', 'branch', 'doubler', 'tripler', 'recycler', 'sink']) expect(svg).toContain(`>${label}</text>`)
      expect(svg).toContain('>queue 3: 1 2 3</text>')
      expect(svg.match(/marker-end=/g)).toHaveLength(8)

      const python = await share.download('Export as Python')
      expect(python.suggestedFilename()).toMatch(/\.py$/)
      const script = await downloadText(python)
      expect(script).toContain('class Tasklet')
      expect(script).toContain('random = RunRandom(5)')
    })
  })
})
