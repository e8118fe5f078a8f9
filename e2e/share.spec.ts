import { AppPage, expect, STORAGE_KEY, test } from './fixtures'
import { meshOnCanvas, runOnCanvas, SharePage } from './share-page'

/** A mesh of the person's own, saved in the browser: start → doubler → sink, with 1 2 3 queued. */
const OWN_MESH = {
  format: 'mesh-playground',
  version: 1,
  title: 'My own mesh',
  nodes: [
    { id: 'a', kind: 'start', label: 'my start', position: { x: 0, y: 0 } },
    { id: 'd', kind: 'doubler', label: 'my doubler', position: { x: 300, y: 0 } },
    { id: 's', kind: 'sink', label: 'my sink', position: { x: 600, y: 0 } },
  ],
  edges: [
    { source: 'a', port: 'target', target: 'd' },
    { source: 'd', port: 'target', target: 's' },
  ],
  inputs: [{ node: 'a', values: [1, 2, 3] }],
}

async function stepTimes(app: AppPage, n: number): Promise<void> {
  const start = Number(await app.tick.textContent())
  for (let i = 1; i <= n; i++) {
    await app.button('Step').click()
    await expect(app.tick).toHaveText(String(start + i))
  }
}

test.describe('Sharing', () => {
  test.describe('links', () => {
    test('opens a copied link in a fresh page: the same mesh, and tick for tick the same run', async ({ app, page, browser }) => {
      const share = new SharePage(app)
      await app.goto()
      // Make the mesh this person's own: another title, and another seed that sends items other ways.
      await app.inspector.getByLabel('Title').fill('Part 3, seed 7')
      await app.inspector.getByLabel('Title').press('Enter')
      await app.inspector.getByLabel('Seed').fill('7')
      await app.inspector.getByLabel('Seed').press('Enter')
      const mesh = await meshOnCanvas(page)

      const link = await share.shareLink()
      expect(link).toMatch(/^http:\/\/localhost:\d+\/#mesh=3\.[\w$+.-]+$/)
      // Seed 7's run: 16 activations, the sink printing 1 at tick 11, then 3, 2x2 and 2x4.
      await stepTimes(app, 11)
      const atEleven = await runOnCanvas(page)
      expect(atEleven['node-s']).toContain('received 1')
      const linkAtTick = await share.shareLink({ atTick: true })
      expect(linkAtTick).toMatch(/&tick=11$/)

      // A fresh context: nothing saved, as for the person the link is sent to.
      const context = await browser.newContext()
      const fresh = new AppPage(await context.newPage())
      await fresh.goto(link)
      await expect(fresh.page).toHaveURL(/\/$/)
      await expect(fresh.page.getByRole('status').getByText('Opened the mesh from the link.')).toBeVisible()
      expect(await meshOnCanvas(fresh.page)).toEqual(mesh)
      await expect(fresh.inspector.getByLabel('Seed')).toHaveValue('7')
      await expect(fresh.inspector.getByLabel('Title')).toHaveValue('Part 3, seed 7')
      await stepTimes(fresh, 11)
      expect(await runOnCanvas(fresh.page)).toEqual(atEleven)

      const atTick = new AppPage(await context.newPage())
      await atTick.goto(linkAtTick)
      await expect(atTick.tick).toHaveText('11')
      expect(await runOnCanvas(atTick.page)).toEqual(atEleven)

      // And on from there, all three pages step in step.
      await stepTimes(app, 4)
      await stepTimes(fresh, 4)
      await stepTimes(atTick, 4)
      const later = await runOnCanvas(page)
      expect(later['node-s']).toContain('received 3')
      expect(await runOnCanvas(fresh.page)).toEqual(later)
      expect(await runOnCanvas(atTick.page)).toEqual(later)
      await context.close()
    })

    test('a link at a tick of a run done to by hand carries what was done, and lands a fresh page on the same run', async ({ app, page, browser }) => {
      const share = new SharePage(app)
      await app.goto()
      await stepTimes(app, 4)
      await app.send('branch', '9, 10')
      await stepTimes(app, 9)
      const there = await runOnCanvas(page)
      await share.shareButton.click()
      await share.shareDialog.getByRole('checkbox', { name: /Open at the current tick/ }).check()
      await expect(share.shareDialog.getByText(/The link carries what was done to this run by hand up to tick 13 \(1 action or edit\)/)).toBeVisible()
      const link = await share.shareDialog.getByLabel('Link', { exact: true }).inputValue()
      await page.keyboard.press('Escape')
      expect(link).toMatch(/#mesh=4\.[\w$+.-]+&tick=13$/)

      const context = await browser.newContext()
      const fresh = new AppPage(await context.newPage())
      await fresh.goto(link)
      await expect(fresh.tick).toHaveText('13')
      await expect(fresh.page.getByRole('status').getByText(/Opened the link: its run is done again as it was explored, to tick 13/)).toBeVisible()
      expect(await runOnCanvas(fresh.page)).toEqual(there)
      // The send is in its history: back before it and forward again, the same run.
      await fresh.button('Step back').click()
      await expect(fresh.tick).toHaveText('12')
      await stepTimes(fresh, 1)
      expect(await runOnCanvas(fresh.page)).toEqual(there)
      await stepTimes(app, 3)
      await stepTimes(fresh, 3)
      expect(await runOnCanvas(fresh.page)).toEqual(await runOnCanvas(page))
      await context.close()
    })

    test('a malformed link says what is wrong and leaves the saved mesh in place', async ({ app, page }) => {
      await app.goto()
      await page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [STORAGE_KEY, JSON.stringify(OWN_MESH)])
      await page.reload()
      await expect(app.node('my sink')).toBeVisible()
      const saved = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)
      for (const hash of ['#mesh=1.N4IgdghgtgpiBcIDKBLA', '#mesh=9.abc.def', '#mesh=garbage']) {
        await app.goto(`/${hash}`)
        await expect(page.getByRole('status').getByText(/^This link .*Your own mesh is as you left it\.$/)).toBeVisible()
        await expect(page).toHaveURL(/\/$/)
        await expect(app.node('my sink')).toBeVisible()
        await expect(app.nodes).toHaveCount(3)
      }
      await page.waitForTimeout(600)
      expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe(saved)
      await page.reload()
      await expect(app.node('my sink')).toBeVisible()
    })

    test('a label with markup in it arrives as text, and nothing from the link runs', async ({ app, page, browser }) => {
      const share = new SharePage(app)
      await app.goto()
      const hostile = '<img src=x onerror="window.pwned=1">'
      await app.node('sink').locator('.mesh-node-label').dblclick()
      await page.getByLabel('Label of sink').fill(hostile)
      await page.getByLabel('Label of sink').press('Enter')
      const link = await share.shareLink()

      const context = await browser.newContext()
      const fresh = new AppPage(await context.newPage())
      let dialogs = 0
      fresh.page.on('dialog', (dialog) => {
        dialogs++
        void dialog.dismiss()
      })
      await fresh.goto(link)
      await expect(fresh.node(hostile)).toBeVisible()
      await expect(fresh.node(hostile).locator('.mesh-node-label')).toHaveText(hostile)
      expect(await fresh.page.locator('.react-flow img').count()).toBe(0)
      expect(await fresh.page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
      expect(dialogs).toBe(0)
      await context.close()
    })

    test('opening a link keeps the saved mesh until the opened one is changed, and Undo brings it back', async ({ app, page }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=flush-vs-next')
      const link = await share.shareLink()
      await app.goto('/')
      await page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [STORAGE_KEY, JSON.stringify(OWN_MESH)])
      await app.goto(link.slice(link.indexOf('#') - 1))
      await expect(app.node('tripler')).toBeVisible()
      await page.reload()
      await expect(app.node('my sink')).toBeVisible()

      await app.goto(link.slice(link.indexOf('#') - 1))
      await app.button('Undo').click()
      await expect(app.node('my sink')).toBeVisible()
    })
  })

  test.describe('the share dialog', () => {
    test('is labelled, closes with Escape and gives focus back, and offers the embed code', async ({ app, page, axe, saveScreenshot }) => {
      const share = new SharePage(app)
      await app.goto()
      await share.shareButton.click()
      await expect(share.shareDialog).toBeVisible()
      await expect(share.shareDialog.getByText(/^\d+ characters$/)).toBeVisible()
      const embed = await share.shareDialog.getByLabel('Embed code').inputValue()
      expect(embed).toMatch(/^<iframe src="http:\/\/localhost:\d+\/\?embed#mesh=3\.[^"]+" width="800" height="450" title="Mesh Playground"><\/iframe>$/)
      await share.shareDialog.getByRole('button', { name: 'Copy link' }).click()
      await expect(share.shareDialog.getByRole('status')).toHaveText(/^Link (copied to the clipboard|selected: press Ctrl\+C)/)
      await axe.expectNoSeriousViolations('.share-dialog')
      await saveScreenshot('share-dialog')
      await page.keyboard.press('Escape')
      await expect(share.shareDialog).toBeHidden()
      await expect(share.shareButton).toBeFocused()
    })

    test('offers a file instead of a link that would be too long, and says why', async ({ app, page }) => {
      const share = new SharePage(app)
      await app.goto()
      // Random text does not compress: 400 items of 40 characters make a link far over 8,000 characters.
      const values = Array.from({ length: 400 }, (_, i) => `${i}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`.padEnd(40, 'x'))
      const big = { ...OWN_MESH, inputs: [{ node: 'a', values }] }
      await page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [STORAGE_KEY, JSON.stringify(big)])
      await page.reload()
      await share.shareButton.click()
      await expect(share.shareDialog.getByRole('alert')).toContainText('more than the 8,000 that chat apps and browsers reliably keep. Save it as a file')
      await expect(share.shareDialog.getByLabel('Link', { exact: true })).toHaveCount(0)
      const [download] = await Promise.all([page.waitForEvent('download'), share.shareDialog.getByRole('button', { name: 'Save as file' }).click()])
      expect(download.suggestedFilename()).toBe('my-own-mesh.mesh.json')
    })
  })

  test.describe('the embed view', () => {
    test('shows the canvas and run controls only, and nothing can be edited', async ({ app, browser }) => {
      const share = new SharePage(app)
      await app.goto()
      await expect(app.page.locator('.react-flow__handle.connectable').first()).toBeAttached()
      await share.shareButton.click()
      const snippet = await share.shareDialog.getByLabel('Embed code').inputValue()
      const src = snippet.match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&')

      const context = await browser.newContext({ viewport: { width: 800, height: 450 } })
      const embed = new AppPage(await context.newPage())
      await embed.page.goto(src)
      await expect(embed.nodes).toHaveCount(6)
      for (const name of ['Add start', 'Undo', 'Delete', 'Demos', 'Share', 'File']) await expect(embed.button(name)).toHaveCount(0)
      await expect(embed.page.getByRole('complementary')).toHaveCount(0)
      await expect(embed.page.locator('.react-flow__handle.connectable')).toHaveCount(0)
      await expect(embed.page.getByRole('link', { name: /Open in Mesh Playground/ })).toHaveAttribute('href', /#mesh=3\./)

      await embed.button('Step').click()
      await expect(embed.tick).toHaveText('1')
      await embed.page.screenshot({ path: `${test.info().project.testDir}/screenshots/embed.png` })

      // Wiring from a port does nothing here.
      await embed.connect('start', 'target', 'sink')
      await expect(embed.page.locator('.react-flow__edge')).toHaveCount(8)

      const sink = embed.node('sink')
      const placed = () => sink.evaluate((el) => (el as HTMLElement).style.transform)
      const before = await placed()
      await embed.dragBetween(sink.locator('.mesh-node-label'), embed.node('branch'))
      expect(await placed()).toBe(before)
      // Nodes take no pointer events here; a double-click that reached the label would still not rename it.
      await sink.locator('.mesh-node-label').dispatchEvent('dblclick')
      await expect(embed.page.getByLabel('Label of sink')).toHaveCount(0)
      await sink.focus()
      await embed.page.keyboard.press('Delete')
      await embed.page.keyboard.press('Backspace')
      await expect(embed.nodes).toHaveCount(6)

      await expect(embed.nodes).toHaveCount(6)
      await expect(embed.tick).toHaveText('1')
      // The embed view keeps nothing in the browser: the visitor's own mesh is not touched.
      expect(await embed.page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull()
      await context.close()
    })

    test("opens a demo's mesh with its lesson in the embed's own strip, not the playground's panel", async ({ page }) => {
      await page.goto('/?demo=priority-echoers&embed')
      await expect(page.locator('.react-flow__node')).toHaveCount(3)
      await expect(page.locator('section.lesson')).toHaveCount(0)
      await expect(page.locator('section.embed-lesson')).toContainText('Step 1 of')
      await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeVisible()
    })
  })
})
