import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { CompanyPicker } from './CompanyPicker'

const globex = fixtures.company()
const initech = fixtures.company({ id: 9, name: 'Initech', domain: null, contact_count: 0 })

function Harness({ initial = null, onChange }: { initial?: number | null; onChange: (id: number | null) => void }) {
  const [value, setValue] = useState<number | null>(initial)
  return (
    <CompanyPicker
      ws={7}
      value={value}
      onChange={(id) => {
        setValue(id)
        onChange(id)
      }}
    />
  )
}

function setup(initial: number | null = null) {
  const onChange = vi.fn()
  const api = mockApi({
    'GET /api/v1/workspaces/7/companies': (_req, url) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      return json(200, fixtures.page([globex].filter((c) => c.name.toLowerCase().includes(q))))
    },
    'GET /api/v1/workspaces/7/companies/5': () => json(200, globex),
    'POST /api/v1/workspaces/7/companies': () => json(201, initech),
  })
  renderWithProviders(<Harness initial={initial} onChange={onChange} />)
  return { ...api, onChange }
}

describe('CompanyPicker', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the linked company by name', async () => {
    setup(5)
    expect(await screen.findByDisplayValue('Globex')).toBeInTheDocument()
  })

  it('searches the companies on the server and selects one', async () => {
    const { calls, onChange } = setup()
    await userEvent.click(screen.getByRole('combobox', { name: 'Company' }))
    await userEvent.click(await screen.findByRole('option', { name: /Globex/, hidden: true }))
    expect(onChange).toHaveBeenCalledWith(5)
    expect(await screen.findByDisplayValue('Globex')).toBeInTheDocument()
    // Known from the list: no request for the one company.
    expect(calls.some((r) => new URL(r.url).pathname.endsWith('/companies/5'))).toBe(false)
  })

  it('creates a company from what was typed and selects it', async () => {
    const { calls, onChange } = setup()
    await userEvent.type(screen.getByRole('combobox', { name: 'Company' }), 'Initech')
    const create = await screen.findByRole('option', { name: 'Create company “Initech”', hidden: true }, { timeout: 2000 })
    expect(calls.some((r) => new URL(r.url).searchParams.get('q') === 'Initech')).toBe(true)
    await userEvent.click(create)
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith(9))
    const post = calls.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ name: 'Initech' })
    expect(post.headers.get('Idempotency-Key')).toBeTruthy()
    expect(await screen.findByDisplayValue('Initech')).toBeInTheDocument()
  })

  it('offers no "create" for a name that exists', async () => {
    setup()
    await userEvent.type(screen.getByRole('combobox', { name: 'Company' }), 'globex')
    expect(await screen.findByRole('option', { name: /Globex/, hidden: true }, { timeout: 2000 })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: /Create company/, hidden: true })).not.toBeInTheDocument()
  })
})
