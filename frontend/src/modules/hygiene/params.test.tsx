import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../test/render'
import { ContactFiltersBar } from '../contacts/ContactFiltersBar'
import { useContactListParams } from '../contacts/useContactListParams'
import { emailStatusParam } from './params'

function ShowParams() {
  const { query, update } = useContactListParams()
  return (
    <div>
      <output data-testid="query">{JSON.stringify(query)}</output>
      <button onClick={() => update({ email_status: 'risky' })}>risky</button>
      <button onClick={() => update({ email_status: null })}>any</button>
    </div>
  )
}

const shown = () => JSON.parse(screen.getByTestId('query').textContent ?? '{}') as Record<string, unknown>

describe('the email status filter', () => {
  it('reads only the five statuses', () => {
    const param = emailStatusParam()
    expect(param.name).toBe('email_status')
    expect(['valid', 'risky', 'invalid', 'suppressed', 'unverified'].map(param.read)).toEqual(['valid', 'risky', 'invalid', 'suppressed', 'unverified'])
    expect(param.read('INVALID')).toBeUndefined()
    expect(param.read('unknown')).toBeUndefined()
    expect(param.read('')).toBeUndefined()
  })

  it('is kept in the contacts list URL with the other filters, and a change goes back to page 1', async () => {
    const { router } = renderWithProviders(<ShowParams />, { route: '/w/7/contacts?email_status=invalid&class=2&page=3' })
    expect(shown()).toMatchObject({ email_status: 'invalid', contact_class_id: 2, page: 3 })
    await userEvent.click(screen.getByRole('button', { name: 'risky' }))
    expect(new URLSearchParams(router.state.location.search).get('email_status')).toBe('risky')
    expect(new URLSearchParams(router.state.location.search).get('page')).toBeNull()
    expect(shown()).toMatchObject({ email_status: 'risky', contact_class_id: 2, page: 1 })
    await userEvent.click(screen.getByRole('button', { name: 'any' }))
    expect(router.state.location.search).toBe('?class=2')
    // Back returns to the filter (a history entry, not a replaced one).
    await router.navigate(-1)
    expect(await screen.findByText(/"email_status":"risky"/)).toBeInTheDocument()
  })

  it('ignores a bad value in the URL', () => {
    renderWithProviders(<ShowParams />, { route: '/w/7/contacts?email_status=bogus' })
    expect(shown()).not.toHaveProperty('email_status')
  })

  it('is a select in the filters bar', async () => {
    const onChange = vi.fn()
    renderWithProviders(<ContactFiltersBar q="" sort="-created_at" tags={[]} classes={[]} onChange={onChange} />)
    await userEvent.click(screen.getByLabelText('Filter by email status'))
    await userEvent.click(await screen.findByRole('option', { name: 'Invalid', hidden: true }))
    expect(onChange).toHaveBeenCalledWith({ email_status: 'invalid' })
  })
})
