import { expect, STORAGE_KEY, test } from './fixtures'

test.describe('Playground', () => {
  test.describe('building a mesh with the mouse', () => {
    test('drags nodes from the palette, wires them, runs, re-wires, undoes, deletes and finds it all after a reload', async ({ app, page, saveScreenshot }) => {
      await app.gotoEmpty()

      await app.dragFromPalette('start', 120, 160)
      await app.dragFromPalette('doubler', 420, 100)
      await app.dragFromPalette('tripler', 420, 330)
      await app.dragFromPalette('sink', 700, 200)

      await app.connect('start', 'target', 'doubler')
      await app.connect('doubler', 'target', 'sink')
      await app.connect('tripler', 'target', 'sink')
      await expect(app.wire('start.target', 'doubler')).toBeVisible()
      await expect(app.wire('doubler.target', 'sink')).toBeVisible()
      await expect(app.wire('tripler.target', 'sink')).toBeVisible()

      await app.send('start', '0 1 2')
      await expect(app.node('start')).toContainText('queue 3')
      await app.button('Run to end').click()
      await expect(app.node('sink')).toContainText('received 3')
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2x1', '2x2', '2x3'])

      // An item waits in doubler's queue while its input is re-wired to the tripler.
      await app.send('start', '5')
      await app.button('Step').click()
      await expect(app.node('doubler')).toContainText('queue 1')
      const edgeEnd = app.wire('start.target', 'doubler').locator('.react-flow__edgeupdater-target')
      await app.dragBetween(edgeEnd, app.node('tripler').locator('.react-flow__handle[data-handleid="in"]'))
      await expect(app.wire('start.target', 'tripler')).toBeVisible()
      await expect(app.wire('start.target', 'doubler')).toHaveCount(0)
      await expect(app.node('doubler')).toContainText('queue 1')

      await page.keyboard.press('ControlOrMeta+z')
      await expect(app.wire('start.target', 'doubler')).toBeVisible()
      await expect(app.wire('start.target', 'tripler')).toHaveCount(0)

      await app.select('tripler')
      await page.keyboard.press('Delete')
      await expect(app.node('tripler')).toHaveCount(0)
      await expect(app.wire('tripler.target', 'sink')).toHaveCount(0)
      await saveScreenshot('playground-built')

      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).not.toContain('tripler')
      await page.reload()
      await expect(app.nodes).toHaveCount(3)
      for (const label of ['start', 'doubler', 'sink']) await expect(app.node(label)).toBeVisible()
      await expect(app.wire('start.target', 'doubler')).toBeVisible()
      await expect(app.wire('doubler.target', 'sink')).toBeVisible()
      await saveScreenshot('playground-reloaded')
    })
  })

  test.describe('the keyboard', () => {
    test('adds nodes from the palette with Enter and wires them from the inspector', async ({ app, page }) => {
      await app.gotoEmpty()
      await app.paletteItem('echoer').focus()
      await page.keyboard.press('Enter')
      await app.paletteItem('sink').focus()
      await page.keyboard.press('Enter')
      await expect(app.nodes).toHaveCount(2)

      await app.select('echoer')
      await app.inspector.getByLabel('Connect target to').selectOption({ label: 'sink (sink)' })
      await app.inspector.getByRole('button', { name: 'Connect' }).click()
      await expect(app.wire('echoer.target', 'sink')).toBeVisible()

      await app.inspector.getByLabel('Suffix').fill('womb!')
      await app.inspector.getByLabel('Suffix').press('Enter')
      await app.inspector.getByLabel('Initial inputs').fill("Hello 'Au revoir'")
      await app.inspector.getByLabel('Initial inputs').press('Enter')
      await expect(app.node('echoer')).toContainText('queue 2')
      await app.button('Run to end').click()
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['Hello, womb!', 'Au revoir, womb!'])
    })
  })

  test.describe('the inspector', () => {
    test("does the seed's Tasklet API tour by hand on one node", async ({ app, saveScreenshot }) => {
      await app.goto()
      await app.select('doubler')
      await app.send('doubler', '1 2 3')
      const queue = app.inspector.locator('.queue-list li')
      await expect(queue.first()).toHaveText('((1,), {}) <-- processing this item')
      await app.inspector.getByRole('button', { name: 'last()' }).click()
      await expect(app.node('sink')).toContainText('queue 1')
      await app.inspector.getByRole('button', { name: 'close()' }).click()
      await expect(app.node('doubler').locator('.mesh-node-state')).toHaveText('closed')
      await app.inspector.getByRole('button', { name: 'restart()' }).click()
      await expect(app.inspector.getByText('The queue is empty.')).toBeVisible()
      await app.inspector.getByText('Coroutine of doubler').click()
      await expect(app.inspector.getByLabel('Source code of doubler')).toContainText("target(format('2x{}', i))")
      await saveScreenshot('playground-inspector')
    })
  })

  test.describe('saved data', () => {
    test('starts clean with a notice when the saved mesh is corrupt', async ({ app, page }) => {
      await app.goto()
      await page.evaluate((key) => localStorage.setItem(key, '{"format": "mesh-playground", "nodes": [oops'), STORAGE_KEY)
      await page.reload()
      await expect(page.getByRole('status').getByText(/Your saved mesh could not be read/)).toBeVisible()
      await expect(app.nodes).toHaveCount(0)
    })
  })

  test.describe('accessibility', () => {
    test('has no serious or critical violations with a node selected', async ({ app, axe }) => {
      await app.goto()
      await app.select('branch')
      await axe.expectNoSeriousViolations()
    })
  })
})
