import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { job, page } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { jobsPollInterval } from './hooks'
import { JobsIndicator } from './JobsIndicator'
import { percent, resultSummary } from './types'

describe('jobs', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('polls every second only while a job runs', () => {
    expect(jobsPollInterval([job({ status: 'queued' })])).toBe(1000)
    expect(jobsPollInterval([job({ status: 'started' })])).toBe(1000)
    expect(jobsPollInterval([job({ status: 'finished' })])).toBe(15000)
    expect(jobsPollInterval(undefined)).toBe(15000)
  })

  it('computes percent and a result summary', () => {
    expect(percent(job({ progress: 0.4 }))).toBe(40)
    expect(percent(job({ progress: undefined, done: 1, total: 4 }))).toBe(25)
    expect(percent(job({ status: 'finished', progress: 0.5 }))).toBe(100)
    expect(resultSummary(job({ status: 'finished', result: { updated: 12 } }))).toBe('updated: 12')
    expect(resultSummary(job({ status: 'failed', error: 'boom' }))).toBe('boom')
    const counts = { created: 5, updated: 1, unchanged: 0, duplicate_in_file: 2, rejected: { fake: 1 }, flagged: {} }
    expect(resultSummary(job({ status: 'finished', kind: 'import', result: { id: 1, counts } }))).toBe(
      '5 created, 1 updated, 3 not imported',
    )
    expect(resultSummary(job({ status: 'finished', kind: 'hygiene', result: { run_id: 4, checked: 9, changed: 2 } }))).toBe(
      '9 addresses checked, 2 changed',
    )
  })

  it('shows a progress bar per running job and the final state', async () => {
    let answer = page([job()], { page_size: 20 })
    mockApi({ 'GET /api/v1/workspaces/3/jobs': () => json(200, answer) })
    renderWithProviders(<JobsIndicator ws={3} />)
    const button = await screen.findByRole('button', { name: 'Jobs: 1 running' })
    await userEvent.click(button)
    const bars = await screen.findAllByRole('progressbar', { name: 'Add tag “vip” progress' })
    expect(bars.some((b) => b.getAttribute('aria-valuenow') === '40')).toBe(true)
    expect(screen.getByText('40 of 100 (40%)')).toBeInTheDocument()

    answer = { ...answer, items: [job({ status: 'finished', done: 100, progress: 1, result: { updated: 100 }, finished_at: '2026-01-01T10:01:00Z' })] }
    await waitFor(() => expect(screen.getByRole('button', { name: 'Jobs' })).toBeInTheDocument(), { timeout: 3000 })
    expect(screen.getAllByText('finished').length).toBeGreaterThan(0)
    expect(screen.getByText(/updated: 100/)).toBeInTheDocument()
  })
})
