import { expect, test } from './fixtures'
import { downloadText } from './share-page'

/** The figures table's rows, each as its header cell and data cells' text. */
async function tableRows(table: import('@playwright/test').Locator): Promise<string[][]> {
  return table.locator('tbody tr, tfoot tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')))
}

test.describe('Scheduling figures', () => {
  test.describe('in the Stats panel', () => {
    test('shows the Part 3 run per tasklet and for the whole mesh, and exports them as CSV', async ({ app, page, axe, saveScreenshot }) => {
      await app.goto('/?demo=part3-mesh')
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('16')

      await app.dockTab('Stats').click()
      await app.dockPanel.getByRole('button', { name: 'Scheduling figures' }).click()
      const panel = app.dockPanel
      await expect(panel.getByRole('status')).toHaveText('Ticks 1–16')
      const table = panel.getByRole('table')
      await expect(table.getByRole('columnheader', { name: 'Mean wait' })).toHaveAttribute('title', /arriving in its queue to being taken/)
      await expect(table.getByRole('rowheader', { name: 'sink' })).toBeVisible()

      const rows = await tableRows(table)
      // Activations, mean wait, longest wait, peak queue, mean queue, longest starvation, starved, outputs, per 100 ticks, mean and longest turnaround.
      expect(rows.find((row) => row[0] === 'sink')).toEqual(['sink', '4', '4', '4', '4', '0.94', '3', 'no', '4', '25', '14.5', '16'])
      expect(rows.find((row) => row[0] === 'tripler')).toEqual(['tripler', '2', '5.5', '6', '2', '0.65', '5', 'no', '0', '0', '–', '–'])
      expect(rows.at(-1)).toEqual(['Whole mesh', '16', '3.63', '6', '4', '3.41', '5', '0 of 6', '4', '25', '14.5', '16'])
      expect(rows.reduce((n, row) => (row[0] === 'Whole mesh' ? n : n + Number(row[1])), 0)).toBe(16)
      await expect(panel.getByText('start → branch → tripler → sink')).toBeVisible()

      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()])
      expect(download.suggestedFilename()).toBe('mesh-scheduling-figures.csv')
      const csv = (await downloadText(download)).split('\r\n')
      expect(csv[0]).toBe(
        'tasklet,id,activations,mean wait,longest wait,peak queue,mean queue,longest starvation,stretches over 20 ticks,starved,outputs,outputs per 100 ticks,mean turnaround,longest turnaround,fairness (Jain)',
      )
      expect(csv).toContain('sink,s,4,4,4,4,0.9412,3,0,no,4,25,14.5,16,')
      expect(csv.at(-2)).toMatch(/^whole mesh,,16,3\.625,6,4,3\.4118,5,0,0 of 6,4,25,14\.5,16,0\.91\d*$/)

      // A lower threshold: the tasklets that waited longer starve.
      await panel.getByLabel('Starving after').fill('2')
      await expect(table.locator('tfoot')).toContainText('3 of 6')
      await expect(table.getByRole('row', { name: /^tripler/ })).toContainText('yes, 1×')

      await axe.expectNoSeriousViolations('.run-dock')
      await saveScreenshot('stats-figures')
    })

    test('follows the run: a step on updates the figures', async ({ app }) => {
      await app.goto('/?demo=part3-mesh')
      await app.dockTab('Stats').click()
      await app.dockPanel.getByRole('button', { name: 'Scheduling figures' }).click()
      await expect(app.dockPanel.getByRole('status')).toHaveText('Before the first tick')
      await app.button('Step').click()
      await expect(app.dockPanel.getByRole('status')).toHaveText('Ticks 1–1')
      await expect(app.dockPanel.getByRole('table').locator('tfoot')).toContainText('Whole mesh1')
    })
  })
})
