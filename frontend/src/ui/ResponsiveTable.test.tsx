import { MantineProvider } from '@mantine/core'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { nextSort, ResponsiveTable, type Column } from './ResponsiveTable'

type Row = { id: number; name: string; email: string }
const columns: Column<Row>[] = [
  { key: 'name', label: 'Name', sortField: 'last_name', primary: true, render: (r) => r.name },
  { key: 'email', label: 'Email', sortField: 'email', render: (r) => r.email },
]
const rows = [{ id: 1, name: 'Ada Lovelace', email: 'ada@example.com' }]

describe('ResponsiveTable', () => {
  it('toggles sort asc → desc → asc', () => {
    expect(nextSort(undefined, 'email')).toBe('email')
    expect(nextSort('email', 'email')).toBe('-email')
    expect(nextSort('-email', 'email')).toBe('email')
    expect(nextSort('-created_at', 'email')).toBe('email')
  })

  it('renders a sortable table and reports the new sort', async () => {
    const onSort = vi.fn()
    render(
      <MantineProvider>
        <ResponsiveTable columns={columns} rows={rows} rowKey={(r) => r.id} sort="email" onSortChange={onSort} stacked={false} />
      </MantineProvider>,
    )
    expect(screen.getByRole('columnheader', { name: /email/i })).toHaveAttribute('aria-sort', 'ascending')
    await userEvent.click(screen.getByRole('button', { name: /sort by\s*email/i }))
    expect(onSort).toHaveBeenCalledWith('-email')
  })

  it('renders cards with labels on phones', () => {
    render(
      <MantineProvider>
        <ResponsiveTable columns={columns} rows={rows} rowKey={(r) => r.id} stacked />
      </MantineProvider>,
    )
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByText('Email')).toBeInTheDocument()
    expect(screen.getByText('ada@example.com')).toBeInTheDocument()
  })
})
