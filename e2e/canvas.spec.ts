import type { Locator } from '@playwright/test'

import { expect, test } from './fixtures'

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('not on screen')
  return b
}

test.describe('Canvas', () => {
  test.beforeEach(async ({ app }) => {
    await app.goto()
  })

  test.describe('editing nodes', () => {
    test('renames a node by double-clicking its label', async ({ app, page }) => {
      await app.node('tripler').locator('.mesh-node-label').dblclick()
      const input = page.getByLabel('Label of tripler')
      await input.fill('triple it')
      await input.press('Enter')
      await expect(app.node('triple it')).toBeVisible()
      await expect(app.wire('branch.right', 'triple it')).toBeAttached()
    })

    test('selects several nodes with Ctrl+click, duplicates them and deletes the copies with the Delete button', async ({ app, page }) => {
      await app.select('doubler')
      await app
        .node('tripler')
        .locator('.mesh-node-label')
        .click({ modifiers: ['Control'] })
      await expect(app.inspector.getByRole('heading', { level: 2 })).toHaveText('2 nodes selected')
      await page.keyboard.press('Control+d')
      await expect(app.nodes).toHaveCount(8)
      await expect(app.node('doubler 2')).toBeVisible()
      await expect(app.node('tripler 2')).toBeVisible()
      await app.button('Delete').first().click()
      await expect(app.nodes).toHaveCount(6)
      await expect(app.node('doubler 2')).toHaveCount(0)
    })

    test('copies and pastes a node with its inputs, and undoes and redoes from the toolbar and the keyboard', async ({ app, page }) => {
      await app.select('start')
      await page.keyboard.press('Control+c')
      await page.keyboard.press('Control+v')
      await expect(app.node('start 2')).toContainText('queue 4')
      await app.button('Undo').click()
      await expect(app.node('start 2')).toHaveCount(0)
      await page.keyboard.press('Control+Shift+z')
      await expect(app.node('start 2')).toBeVisible()
    })
  })

  test.describe('auto layout', () => {
    test('lays the mesh out left to right with no node on another', async ({ app, saveScreenshot }) => {
      await app.button('Auto layout').click()
      await expect(app.button('Auto layout')).toBeEnabled()
      await expect(async () => {
        const start = await box(app.node('start'))
        const branch = await box(app.node('branch'))
        const sink = await box(app.node('sink'))
        expect(start.x).toBeLessThan(branch.x)
        expect(branch.x).toBeLessThan(sink.x)
      }).toPass()
      const boxes = await Promise.all((await app.nodes.all()).map(box))
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y
          expect(apart, 'two nodes overlap').toBe(true)
        }
      }
      await saveScreenshot('canvas-auto-layout')
    })
  })

  test.describe('dark color scheme', () => {
    test.use({ colorScheme: 'dark' })

    test('has no serious or critical accessibility violations with the inspector full', async ({ app, axe, saveScreenshot }) => {
      await app.send('start', '7')
      await app.button('Step').click()
      await app.select('branch')
      await axe.expectNoSeriousViolations()
      await saveScreenshot('canvas-dark-inspector')
    })
  })
})
