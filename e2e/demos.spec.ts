import { expect, test } from './fixtures'
import { SharePage } from './share-page'

const got = (...items: string[]) => items.map((item) => `Sink got: ${item}`)

test.describe('Demos and lessons', () => {
  test.describe('the gallery', () => {
    test('is the first thing a new visitor reaches, and opens a demo with its lesson', async ({ app, page, axe, saveScreenshot }) => {
      const share = new SharePage(app)
      await app.goto()
      await expect(page.getByRole('region', { name: 'New to meshing?' })).toBeVisible()
      await page.keyboard.press('Tab')
      await expect(share.demosButton).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(share.gallery).toBeVisible()
      const demos = share.gallery.getByRole('link')
      await expect(demos).toHaveText([
        'The Part 3 mesh',
        'The priority echoers',
        'Ping-pong without a stack',
        'The Tasklet API tour',
        'Flush versus next',
        'Smart nodes: a router that learns',
        'Rewiring: a balancer that grows its mesh',
        'You are the scheduler',
      ])
      await expect(demos.first()).toHaveAttribute('href', '?demo=part3-mesh')
      await axe.expectNoSeriousViolations('.gallery-dialog')
      await saveScreenshot('gallery')

      await share.gallery.getByRole('link', { name: 'The priority echoers' }).click()
      await expect(share.gallery).toBeHidden()
      await expect(share.lesson.getByRole('heading', { name: 'Priorities' })).toBeVisible()
      await expect(page).toHaveURL(/\?demo=priority-echoers$/)
      await expect(app.nodes).toHaveCount(3)
      await expect(page.getByRole('region', { name: 'New to meshing?' })).toHaveCount(0)
      // Opening a demo is one undoable load: the mesh before it is one Undo away.
      await app.button('Undo').click()
      await expect(app.node('branch')).toBeVisible()
    })

    test('opens with the welcome dismissed on later visits', async ({ app, page }) => {
      await app.gotoEmpty()
      await expect(page.getByRole('region', { name: 'New to meshing?' })).toHaveCount(0)
      await expect(new SharePage(app).demosButton).toBeVisible()
    })
  })

  test.describe('each demo by its address', () => {
    test("the Part 3 mesh prints the seed's 2x2, 2x4, 3x1, 3x3, then 11 and 2x12", async ({ app, page, axe, saveScreenshot }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=part3-mesh')
      await expect(share.lesson.getByText('Step 1 of 5')).toBeVisible()
      await expect(share.lesson.getByRole('heading', { name: 'Six tasklets and a circle' })).toBeVisible()
      await expect(page.getByTestId('lesson-focus')).toHaveAttribute('data-node', 'a')
      await expect(app.node('start')).toContainText('queue 4')
      await share.expectPrintout([])

      await share.next(2, 5)
      await expect(app.tick).toHaveText('1')
      await expect(app.node('branch')).toContainText('queue 1')

      await share.next(3, 5)
      await share.expectPrintout(got('2x2', '2x4', '3x1', '3x3'))
      await expect(page.getByTestId('lesson-focus')).toHaveAttribute('data-node', 's')
      await expect(share.lesson.getByText('Watch sink:')).toBeVisible()
      await axe.expectNoSeriousViolations()
      await saveScreenshot('lesson-panel')

      await share.next(4, 5)
      await expect(app.node('start')).toContainText('queue 2')
      await share.next(5, 5)
      await share.expectPrintout(got('2x2', '2x4', '3x1', '3x3', '11', '2x12'))
      await expect(share.lesson.getByRole('button', { name: 'More demos' })).toBeVisible()

      await share.lesson.getByRole('button', { name: 'Previous' }).click()
      await expect(share.lesson.getByText('Step 4 of 5')).toBeVisible()
      await share.expectPrintout(got('2x2', '2x4', '3x1', '3x3'))
      await expect(app.node('start')).toContainText('queue 2')
    })

    test("the priority echoers print in the seed's order, then interleaved in incremental mode", async ({ app }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=priority-echoers')
      await share.next(2, 5)
      await expect(app.node('sink')).toContainText('queue 1')
      await share.next(3, 5)
      const seedOrder = got('Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Hello, world!', 'Bonjour, world!', 'Ola, world!')
      await share.expectPrintout(seedOrder)
      await share.next(4, 5)
      // The step's update switches the mode, and the editor's document follows the run's.
      await expect(app.inspector.getByLabel('Mode')).toHaveValue('next')
      await share.next(5, 5)
      await share.expectPrintout([...seedOrder, ...got('Hello, world!', 'Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Bonjour, world!', 'Ola, world!')])
    })

    test('the ping-pong runs 20,000 activations without growing a stack', async ({ app, page }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=ping-pong')
      await share.next(2, 3)
      await expect(app.node('first')).toContainText('queue 1')
      await expect(app.node('first').locator('.mesh-queue-items li')).toHaveText(['3'])
      await share.next(3, 3)
      await expect(app.tick).toHaveText('20000')
      await expect(app.node('first').locator('.mesh-queue-items li')).toHaveText(['20001'])
      await expect(page.getByTestId('lesson-focus')).toHaveAttribute('data-node', 'first')
    })

    test("the Tasklet API tour reproduces the seed's printed output", async ({ app }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=tasklet-tour')
      await share.next(2, 11)
      await expect(app.node('task')).toContainText('queue 2')
      await share.next(3, 11)
      await share.expectPrintout(got('2x1', '2x2'))
      await share.next(4, 11)
      await expect(app.node('task').locator('.mesh-node-state')).toHaveText('closed')
      for (let step = 5; step <= 11; step++) await share.next(step, 11)
      await share.expectPrintout(got('2x1', '2x2', '3x4', '3x5', '3x6', '3x7', '3x9', '3x8', '3x12', '3x13', '3x15'))
      // set() made the doubler a tripler, and rescope() moved its wire: the editor shows both.
      await expect(app.node('task')).toContainText('tripler')
      await expect(app.wire('task.target', 'new_sink')).toBeAttached()
    })

    test('flush versus next shows whole queues, then one item each in turn', async ({ app }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=flush-vs-next')
      await share.next(2, 5)
      const flushed = got('2x2', '2x3', '2x4', '3x2', '3x3', '3x4')
      await share.expectPrintout(flushed)
      await share.next(3, 5)
      await expect(app.tick).toHaveText('19')
      await share.next(4, 5)
      await share.expectPrintout([...flushed, ...got('2x2', '3x2', '2x3', '3x3', '2x4', '3x4')])
    })

    test('the smart router, a code node, runs in the sandbox without asking, learns its ways and prints what it routed', async ({ app, page, axe, saveScreenshot }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=smart-router')
      await expect(share.lesson.getByText('Step 1 of 5')).toBeVisible()
      await expect(page.getByTestId('lesson-focus')).toHaveAttribute('data-node', 'router')
      // The demo's code is our own: no dialog, no bar asking to review it.
      await expect(page.getByRole('dialog', { name: 'Run the code in this mesh?' })).toHaveCount(0)
      await expect(page.getByRole('region', { name: 'Code not yet allowed to run' })).toHaveCount(0)
      await expect(app.node('start')).toContainText('queue 4')

      await share.next(2, 5)
      await expect(app.tick).toHaveText('5')
      await expect(app.node('doubler').locator('.mesh-queue-items li')).toHaveText(['2'])
      await expect(app.node('router').locator('.mesh-queue-items li')).toHaveText(['3', '4', '5'])
      await share.next(3, 5)
      const first = got('2x2', '2x4', '3x3', '3x5')
      await share.expectPrintout(first)
      await share.next(4, 5)
      await share.expectPrintout([...first, ...got('hello', '2x12', '3x11')])
      await share.next(5, 5)
      const all = [...first, ...got('hello', '2x12', '3x11', '3x21', '3x22')]
      await share.expectPrintout(all)
      await expect(app.node('sink').locator('.mesh-sink-values li').last()).toHaveText('3x22')
      // The step took the wire from router to the doubler away, in the editor too.
      await expect(app.wire('router.out', 'doubler')).toHaveCount(0)
      await expect(app.wire('router.out', 'tripler')).toBeAttached()
      await expect(app.node('router')).not.toContainText('error')
      await axe.expectNoSeriousViolations()
      await saveScreenshot('lesson-smart-router')

      await share.lesson.getByRole('button', { name: 'Previous' }).click()
      await expect(share.lesson.getByText('Step 4 of 5')).toBeVisible()
      await share.expectPrintout([...first, ...got('hello', '2x12', '3x11')])
      await expect(app.wire('router.out', 'doubler')).toBeAttached()
    })

    test('the rewiring demo shows the wire its code makes at the tick it is made, takes it away on Step back, and keeps it only when asked', async ({
      app,
      page,
      axe,
      saveScreenshot,
    }) => {
      const share = new SharePage(app)
      const made = page.locator('.react-flow__edge.edge-rewired[aria-label="Wire the run made from balancer.out to tripler"]')
      await app.goto('/?demo=rewiring')
      await expect(share.lesson.getByText('Step 1 of 4')).toBeVisible()
      await expect(app.wire('balancer.out', 'doubler')).toBeAttached()
      await expect(made).toHaveCount(0)
      await share.next(2, 4)
      await expect(app.tick).toHaveText('2')
      await expect(made).toHaveCount(0)
      await app.button('Step').click()
      await expect(app.tick).toHaveText('3')
      await expect(made).toBeAttached()
      await expect(app.node('tripler').locator('.mesh-queue-items li')).toHaveText(['3'])
      await axe.expectNoSeriousViolations()
      await saveScreenshot('lesson-rewiring')

      await app.button('Step back').click()
      await expect(app.tick).toHaveText('2')
      await expect(made).toHaveCount(0)
      await expect(app.button('Keep the mesh as it is now')).toHaveCount(0)
      await app.button('Step').click()
      await expect(app.tick).toHaveText('3')
      await expect(made).toBeAttached()

      // Kept: one undoable edit makes it the document's own wire.
      await app.button('Keep the mesh as it is now').click()
      await expect(app.wire('balancer.out', 'tripler')).toBeAttached()
      await expect(made).toHaveCount(0)
      await expect(app.button('Keep the mesh as it is now')).toHaveCount(0)
    })

    test('an unknown demo says which demos there are and opens nothing', async ({ app, page }) => {
      await app.goto('/?demo=nope')
      await expect(page.getByRole('status').getByText('There is no demo called "nope". The demos are part3-mesh,', { exact: false })).toBeVisible()
      await expect(new SharePage(app).lesson).toHaveCount(0)
      await expect(app.node('branch')).toBeVisible()
    })
  })
})
