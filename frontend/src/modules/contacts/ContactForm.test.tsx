import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/errors'
import { contactClass, customField } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { ContactForm } from './ContactForm'

const fields = [
  customField({ id: 1, key: 'budget', label: 'Budget', type: 'number', position: 1 }),
  customField({ id: 2, key: 'birthday', label: 'Birthday', type: 'date', position: 2 }),
  customField({ id: 3, key: 'vip', label: 'VIP', type: 'boolean', position: 3 }),
  customField({ id: 4, key: 'source', label: 'Source', type: 'choice', choices: ['web', 'fair'], position: 4 }),
  customField({ id: 5, key: 'topics', label: 'Topics', type: 'multi_choice', choices: ['seo', 'ads'], position: 5 }),
  customField({ id: 6, key: 'note', label: 'Note', type: 'text', position: 6 }),
]
const classes = [contactClass()]

describe('ContactForm', () => {
  it('renders each custom field with an input of its type', () => {
    renderWithProviders(<ContactForm ws={1} fields={fields} classes={classes} onSubmit={() => {}} />)
    expect(screen.getByLabelText('Budget')).toHaveAttribute('inputmode', 'decimal')
    expect(screen.getByLabelText('Birthday')).toHaveAttribute('type', 'date')
    expect(screen.getByLabelText('VIP')).toHaveAttribute('type', 'checkbox')
    expect(screen.getByRole('combobox', { name: 'Source' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Topics' })).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Note' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Class' })).toHaveValue('General')
  })

  it('shows API validation messages under the matching fields', () => {
    const error = new ApiError({
      status: 422,
      code: 'validation_error',
      message: 'Some fields are invalid.',
      errors: { email: ['Not a valid email address.'], 'custom.budget': ['Not a valid number.'], 'custom.source': ['Must be one of: web, fair.'] },
    })
    renderWithProviders(<ContactForm ws={1} fields={fields} classes={classes} error={error} onSubmit={() => {}} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields are invalid.')
    expect(screen.getByText('Not a valid email address.')).toBeInTheDocument()
    expect(screen.getByText('Not a valid number.')).toBeInTheDocument()
    expect(screen.getByLabelText('Budget')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('Must be one of: web, fair.')).toBeInTheDocument()
  })

  it('links to the existing contact on a duplicate email (409)', () => {
    const error = new ApiError({ status: 409, code: 'conflict', message: 'A contact with this email exists.', body: { existing_id: 77 } })
    renderWithProviders(<ContactForm ws={5} fields={[]} classes={classes} error={error} onSubmit={() => {}} />)
    expect(screen.getByRole('link', { name: 'Open the existing contact' })).toHaveAttribute('href', '/w/5/contacts/77')
  })

  it('submits typed values', async () => {
    const onSubmit = vi.fn()
    renderWithProviders(<ContactForm ws={1} fields={fields} classes={classes} onSubmit={onSubmit} />)
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com')
    await userEvent.type(screen.getByLabelText('Budget'), '1500')
    await userEvent.click(screen.getByLabelText('VIP'))
    await userEvent.type(screen.getByRole('combobox', { name: 'Tags' }), 'newsletter{enter}')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onSubmit).toHaveBeenCalledWith({
      email: 'ada@example.com',
      contact_class_id: 1,
      tags: ['newsletter'],
      custom: { budget: 1500, vip: true },
    })
  })

  it('is read-only without a Save button for viewers', () => {
    renderWithProviders(<ContactForm ws={1} fields={fields} classes={classes} readOnly onSubmit={() => {}} />)
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveAttribute('readonly')
  })
})
