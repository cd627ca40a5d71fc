import { MantineProvider } from '@mantine/core'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { pageCount, PaginationBar, rangeLabel } from './PaginationBar'

const wrap = (ui: React.ReactElement) => render(<MantineProvider>{ui}</MantineProvider>)

describe('PaginationBar', () => {
  it('computes pages and the visible range', () => {
    expect(pageCount(0, 50)).toBe(1)
    expect(pageCount(101, 50)).toBe(3)
    expect(rangeLabel(1, 50, 0, 'contacts')).toBe('0 contacts')
    expect(rangeLabel(3, 50, 101, 'contacts')).toBe('101–101 of 101 contacts')
    expect(rangeLabel(1, 50, 1234)).toBe('1–50 of 1,234 items')
  })

  it('shows the total and moves between pages', async () => {
    const onPageChange = vi.fn()
    wrap(<PaginationBar page={2} pageSize={25} total={120} onPageChange={onPageChange} noun="contacts" />)
    expect(screen.getByText('26–50 of 120 contacts')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }))
    expect(onPageChange).toHaveBeenCalledWith(3)
    await userEvent.click(screen.getByRole('button', { name: 'Page 5' }))
    expect(onPageChange).toHaveBeenCalledWith(5)
  })

  it('hides the page buttons when everything fits on one page', () => {
    wrap(<PaginationBar page={1} pageSize={50} total={7} onPageChange={() => {}} />)
    expect(screen.queryByRole('button', { name: 'Next page' })).not.toBeInTheDocument()
    expect(screen.getByText('1–7 of 7 items')).toBeInTheDocument()
  })
})
