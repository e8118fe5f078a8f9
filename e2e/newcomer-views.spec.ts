/**
 * What a newcomer sees of a mesh: cyclic meshes drawn as loops round the
 * cards, names read in full, the watched node in view, and a canvas that
 * keeps half the window in a small one. Screenshots of every demo at
 * 1280×720 and 1024×640 land in e2e/screenshots/.
 */
import type { Page } from '@playwright/test'

import { expect, test, type AppPage } from './fixtures'

/** The demos' ids, in gallery order (src/demos/index.ts; its JSON cannot be imported here). */
const DEMO_IDS = ['part3-mesh', 'priority-echoers', 'ping-pong', 'tasklet-tour', 'flush-vs-next', 'smart-router', 'you-are-the-scheduler']

interface Crossing {
  wire: string
  card: string
}

/**
 * Every place a wire passes under a card, away from its own two ends: the
 * wires' paths sampled every few pixels against the cards' boxes, all in the
 * canvas's own coordinates.
 */
function wiresUnderCards(page: Page): Promise<Crossing[]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((node) => {
      const at = new DOMMatrix(getComputedStyle(node).transform)
      return { name: node.getAttribute('aria-label') ?? '', x: at.m41, y: at.m42, width: node.offsetWidth, height: node.offsetHeight }
    })
    const found: { wire: string; card: string }[] = []
    for (const edge of document.querySelectorAll('.react-flow__edge')) {
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path')
      if (!path) continue
      const length = path.getTotalLength()
      for (let at = 16; at < length - 16; at += 4) {
        const { x, y } = path.getPointAtLength(at)
        const card = cards.find((c) => x > c.x + 2 && x < c.x + c.width - 2 && y > c.y + 2 && y < c.y + c.height - 2)
        if (card && !found.some((f) => f.wire === edge.getAttribute('aria-label') && f.card === card.name)) found.push({ wire: edge.getAttribute('aria-label') ?? '', card: card.name })
      }
    }
    return found
  })
}

/** For each wire into `target`: whether it enters going right, and its source card's right edge against the target's left. */
function wiresInto(page: Page, target: string): Promise<{ wire: string; entersGoingRight: boolean; sourceRight: number; targetLeft: number }[]> {
  return page.evaluate((target) => {
    const box = (label: string) => {
      const node = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].find((n) => n.getAttribute('aria-label')?.startsWith(`${label}, `))!
      const at = new DOMMatrix(getComputedStyle(node).transform)
      return { x: at.m41, width: node.offsetWidth }
    }
    return [...document.querySelectorAll('.react-flow__edge')]
      .filter((edge) => edge.getAttribute('aria-label')?.endsWith(` to ${target}`))
      .map((edge) => {
        const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path')!
        const length = path.getTotalLength()
        const source = /^Wire from (.+)\.[^.]+ to /.exec(edge.getAttribute('aria-label')!)![1]!
        const s = box(source)
        return {
          wire: edge.getAttribute('aria-label')!,
          entersGoingRight: path.getPointAtLength(length - 12).x < path.getPointAtLength(length).x,
          sourceRight: s.x + s.width,
          targetLeft: box(target).x,
        }
      })
  }, target)
}

async function autoLayout(app: AppPage): Promise<void> {
  const before = await app.page.locator('.react-flow__node').first().getAttribute('style')
  await app.button('Auto layout').click()
  await expect(app.page.locator('.react-flow__node').first()).not.toHaveAttribute('style', before ?? '')
  await app.waitForStillView()
}

async function expectForwardIntoSink(app: AppPage): Promise<void> {
  const wires = await wiresInto(app.page, 'sink')
  expect(wires.length).toBeGreaterThan(0)
  for (const wire of wires) {
    expect(wire.entersGoingRight, `${wire.wire} enters the sink from the left`).toBe(true)
    expect(wire.sourceRight, `${wire.wire} comes from a card left of the sink`).toBeLessThan(wire.targetLeft)
  }
}

test.describe('What a newcomer sees', () => {
  test.describe('cyclic meshes', () => {
    test.use({ viewport: { width: 1280, height: 720 } })

    test('after a re-wire and auto layout every wire into the sink enters from the left, and the circle back to start is a loop round the cards', async ({
      app,
      page,
      saveScreenshot,
    }) => {
      await app.goto('/?demo=part3-mesh')
      await expect(app.nodes).toHaveCount(6)
      await app.waitForStillView()
      // As the demo opens, recycler → start goes round the cards, not behind branch.
      expect(await wiresUnderCards(page)).toEqual([])

      // Re-wiring: branch's rand wire taken off (the recycler is fed by nothing for now), laid out, then drawn again.
      await app.wire('branch.rand', 'recycler').click({ force: true })
      await page.keyboard.press('Delete')
      await expect(app.wire('branch.rand', 'recycler')).toHaveCount(0)
      await autoLayout(app)
      // (The recycler, fed by nothing now, comes first: its long wire to the sink may cross a card, as any long forward wire may.)
      await expectForwardIntoSink(app)

      await app.connect('branch', 'rand', 'recycler')
      await expect(app.wire('branch.rand', 'recycler')).toHaveCount(1)
      await autoLayout(app)
      await expectForwardIntoSink(app)
      expect(await wiresUnderCards(page)).toEqual([])
      const [loop] = await wiresInto(page, 'start')
      expect(loop!.wire).toBe('Wire from recycler.beginning to start')
      expect(loop!.entersGoingRight).toBe(true)
      await saveScreenshot('newcomer-part3-rewired-auto-layout')
    })

    test('draws a self-loop as a loop under its card that enters from the left', async ({ app, page }) => {
      await app.gotoWithDocument({
        format: 'mesh-playground',
        version: 1,
        nodes: [{ id: 'e', kind: 'echoer', label: 'echoer', position: { x: 0, y: 0 }, params: { suffix: '!' } }],
        edges: [{ source: 'e', port: 'target', target: 'e' }],
      })
      await app.waitForStillView()
      const wire = app.wire('echoer.target', 'echoer')
      await expect(wire).toHaveCount(1)
      expect(await wiresUnderCards(page)).toEqual([])
      const [loop] = await wiresInto(page, 'echoer')
      expect(loop!.entersGoingRight).toBe(true)
      // A loop the eye can follow: clearly taller and wider than the stub it was.
      const box = await wire.locator('path.react-flow__edge-path').boundingBox()
      const card = await app.node('echoer').boundingBox()
      expect(box!.width).toBeGreaterThan(card!.width)
      expect(box!.y + box!.height).toBeGreaterThan(card!.y + card!.height + 8)
    })
  })

  test.describe('names', () => {
    test.use({ viewport: { width: 1280, height: 720 } })

    test("in the priority lesson the two echoers' names read in full, as their accessible names", async ({ app, page }) => {
      await app.goto('/?demo=priority-echoers')
      for (const name of ['echoer_world', 'echoer_womb']) {
        const label = app.node(name).locator('.mesh-node-label')
        await expect(label).toHaveText(name)
        const cut = await label.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight)
        expect(cut, `${name} is not cut off`).toBe(false)
      }
      // Whatever is cut short on a card (a long queued item) has its full text on hover.
      for (const item of await page.locator('.mesh-queue-items li:not(.is-more)').all()) {
        const text = (await item.textContent())!
        await expect(item).toHaveAttribute('title', new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      }
    })

    test('a long name wraps in its card rather than being cut, and the status has its full text on hover', async ({ app, page }) => {
      const long = 'a tasklet with a very long name indeed, to see it wrap'
      await app.gotoWithDocument({ format: 'mesh-playground', version: 1, nodes: [{ id: 'e', kind: 'echoer', label: long, position: { x: 0, y: 0 } }] })
      const label = app.node(long).locator('.mesh-node-label')
      await expect(label).toHaveText(long)
      expect(await label.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false)
      const status = app.runStatus
      await expect(status).toHaveAttribute('title', (await status.textContent())!)
      await page.setViewportSize({ width: 1024, height: 640 })
      await expect(status).toHaveAttribute('title', (await status.textContent())!)
    })
  })

  test.describe('lessons', () => {
    test.use({ viewport: { width: 1280, height: 720 } })

    test('bring the watched node into view at every step', async ({ app, page }) => {
      await app.goto('/?demo=priority-echoers')
      const lesson = page.locator('section.lesson')
      const canvas = page.locator('.react-flow')
      for (let step = 1; step <= 5; step++) {
        if (step > 1) await lesson.getByRole('button', { name: 'Next' }).click()
        await expect(lesson.getByText(`Step ${step} of 5`)).toBeVisible()
        const ring = page.getByTestId('lesson-focus')
        await expect(ring).toBeVisible()
        await app.waitForStillView()
        const r = (await ring.boundingBox())!
        const c = (await canvas.boundingBox())!
        expect(r.x, `step ${step}: the ring's left`).toBeGreaterThanOrEqual(c.x)
        expect(r.y, `step ${step}: the ring's top`).toBeGreaterThanOrEqual(c.y)
        expect(r.x + r.width, `step ${step}: the ring's right`).toBeLessThanOrEqual(c.x + c.width)
        expect(r.y + r.height, `step ${step}: the ring's bottom`).toBeLessThanOrEqual(c.y + c.height)
      }
    })
  })

  for (const [width, height] of [
    [1280, 720],
    [1024, 640],
  ] as const) {
    test.describe(`at ${width}×${height}`, () => {
      test.use({ viewport: { width, height } })

      for (const id of DEMO_IDS) {
        test(`${id}: the canvas is at least half the window, every dock tab and run control is visible, the lesson's name reads in full, and no wire passes under a card`, async ({
          app,
          page,
          saveScreenshot,
        }) => {
          await app.goto(`/?demo=${id}`)
          await expect(app.nodes.first()).toBeVisible()
          // A notice takes room of its own until it is dismissed (on a loaded machine the demo's code sandbox may have been slow).
          for (const dismiss of await page.locator('.notice-dismiss').all()) await dismiss.click()
          await app.waitForStillView()
          const canvas = (await page.locator('.react-flow').boundingBox())!
          expect(canvas.width, 'canvas width').toBeGreaterThanOrEqual(width / 2)
          expect(canvas.height, 'canvas height').toBeGreaterThanOrEqual(height / 2)
          const dock = (await page.locator('.dock-bar').boundingBox())!
          for (const tab of await page.getByRole('tablist', { name: 'Run panels' }).getByRole('tab').all()) {
            const box = (await tab.boundingBox())!
            expect(box.x + box.width, `${await tab.textContent()} tab is not clipped`).toBeLessThanOrEqual(dock.x + dock.width)
          }
          const toggle = (await page.locator('.dock-toggle').boundingBox())!
          expect(toggle.x + toggle.width).toBeLessThanOrEqual(width)
          for (const control of await page.getByRole('toolbar', { name: 'Run' }).getByRole('button').all()) {
            const box = (await control.boundingBox())!
            expect(box.x + box.width, `${await control.getAttribute('aria-label')} is on screen`).toBeLessThanOrEqual(width)
          }
          // Which lesson this is: its name is not cut to "L…" by the buttons beside it.
          const lessonName = page.locator('.lesson-demo')
          if (await lessonName.count()) {
            expect(await lessonName.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1), "the lesson's name is not cut").toBe(true)
            for (const name of ['Present', 'Reset progress', 'Close lesson']) {
              const box = (await page.locator('section.lesson').getByRole('button', { name, exact: true }).boundingBox())!
              expect(box.x + box.width, `${name} is on screen`).toBeLessThanOrEqual(width)
            }
          }
          expect(await wiresUnderCards(page)).toEqual([])
          await saveScreenshot(`newcomer-${id}-${width}x${height}`)
        })
      }
    })
  }
})
