/**
 * The canvas's overview (src/canvas/overview.ts): zoomed out past where a
 * card's text can be read, each card shows its name and queue in large
 * type, the wires keep their ends on the cards' handles and show what moved
 * without tokens, and a zoom back in shows the whole card again.
 */
import type { Page } from '@playwright/test'

import { expect, test, type AppPage } from './fixtures'

test.use({ viewport: { width: 1280, height: 720 } })

const zoom = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a)

/** Clicks a zoom button until the canvas's zoom passes `past` (below it for Zoom Out, above for Zoom In). */
async function zoomPast(app: AppPage, button: 'Zoom Out' | 'Zoom In', past: number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const now = await zoom(app.page)
    if (button === 'Zoom Out' ? now < past : now > past) break
    await app.button(button).click()
    await app.waitForStillView()
  }
}

/**
 * How far a wire's ends are from the handles it joins, on screen: the
 * largest of its two ends' distances in px.
 */
function endsOff(page: Page, label: string, from: string, port: string, to: string): Promise<number> {
  return page.evaluate(
    ({ label, from, port, to }) => {
      const path = document.querySelector<SVGPathElement>(`.react-flow__edge[aria-label="${label}"] path.react-flow__edge-path`)!
      const onScreen = (at: number) => new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(path.getScreenCTM()!)
      const centre = (node: string, handle: string) => {
        const box = document.querySelector(`.react-flow__node[data-id="${node}"] .react-flow__handle[data-handleid="${handle}"]`)!.getBoundingClientRect()
        return { x: box.x + box.width / 2, y: box.y + box.height / 2, reach: Math.max(box.width, box.height) }
      }
      const distance = (p: DOMPoint, c: { x: number; y: number; reach: number }) => Math.max(0, Math.hypot(p.x - c.x, p.y - c.y) - c.reach)
      return Math.max(distance(onScreen(0), centre(from, port)), distance(onScreen(path.getTotalLength()), centre(to, 'in')))
    },
    { label, from, port, to },
  )
}

test('zoomed out, cards show their name and queue in large type, wires keep their ends and carry no tokens, and a zoom back in shows the whole card', async ({
  app,
  page,
  saveScreenshot,
}) => {
  await app.goto('/?demo=part3-mesh')
  await app.waitForStillView()
  const branch = app.node('branch')
  await expect(branch.locator('.mesh-node-state')).toBeVisible()
  await expect(page.locator('.mesh-node.is-overview')).toHaveCount(0)

  await zoomPast(app, 'Zoom Out', 0.4)
  await expect(page.locator('.mesh-node.is-overview')).toHaveCount(6)
  // A card keeps its accessible name; its name shows whole or has its full text on hover.
  await expect(branch).toHaveAccessibleName('branch, branch')
  await expect(branch.locator('.mesh-overview-label')).toHaveText('branch')
  await expect(branch.locator('.mesh-overview-label')).toHaveAttribute('title', 'branch')
  await expect(branch.locator('.mesh-node-state')).toHaveCount(0)
  // Large enough to read zoomed out: at least 9 px on screen (the whole card's name would be under 6).
  const labelPx = await branch.locator('.mesh-overview-label').evaluate((el) => el.getBoundingClientRect().height)
  expect(labelPx).toBeGreaterThanOrEqual(9)
  // React Flow measured the cards again: each wire starts and ends on its handles.
  await expect.poll(() => endsOff(page, 'Wire from branch.right to tripler', 'b', 'right', 't')).toBeLessThan(2)
  await expect.poll(() => endsOff(page, 'Wire from recycler.beginning to start', 'r', 'beginning', 'a')).toBeLessThan(2)

  // The run shows in the overview: start's queue of four, then three once it took one.
  await expect(app.node('start').locator('.mesh-overview-queue')).toHaveText('4 queued')
  await app.button('Step').click()
  await expect(app.node('start').locator('.mesh-overview-queue')).toHaveText('3 queued')
  await expect(app.node('start').locator('.mesh-node')).toHaveAttribute('data-state', 'active')
  // A token would be a pixel here: the wire that carried the item is drawn active instead.
  await expect(app.wire('start.target', 'branch').locator('path.react-flow__edge-path')).toHaveClass(/is-active/)
  await expect(page.locator('.edge-token')).toHaveCount(0)
  // A card is still selected with a click, and the inspector shows what the card no longer does.
  await app.select('branch')
  await saveScreenshot('overview-part3')

  await zoomPast(app, 'Zoom In', 0.4)
  await expect(page.locator('.mesh-node.is-overview')).toHaveCount(0)
  await expect(branch.locator('.mesh-node-state')).toBeVisible()
  await expect.poll(() => endsOff(page, 'Wire from branch.right to tripler', 'b', 'right', 't')).toBeLessThan(2)
  // Zoomed in, a step's item travels its wire as a token again.
  await app.button('Step').click()
  await expect(page.locator('.edge-token')).toHaveCount(1)
})
