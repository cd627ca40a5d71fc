import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getCsrfToken, setCsrfToken } from '../../api/csrf'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { safeNext } from '../../app/next'
import { LoginForm } from './LoginForm'

async function fillAndSubmit() {
  await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com')
  await userEvent.type(screen.getByLabelText('Password'), 'secret-pass')
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
}

describe('LoginForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setCsrfToken(null)
  })

  it('explains wrong credentials', async () => {
    mockApi({ 'POST /api/v1/auth/login': () => json(401, { code: 'unauthorized', message: 'Wrong email or password.', errors: {} }) })
    renderWithProviders(<LoginForm />)
    await fillAndSubmit()
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.')
  })

  it('shows the rate limit with Retry-After', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        json(429, { code: 'too_many_requests', message: 'Too many login attempts.', errors: {} }, { 'Retry-After': '60' }),
    })
    renderWithProviders(<LoginForm />)
    await fillAndSubmit()
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Too many attempts')
    expect(alert).toHaveTextContent('Try again in 60 seconds.')
  })

  it('stores the CSRF token and goes on after login', async () => {
    const me = fixtures.me({ user: fixtures.user({ email: 'ada@example.com', name: 'Ada' }), csrf_token: 'csrf-me', workspaces: [] })
    const { calls } = mockApi({
      'POST /api/v1/auth/login': () => json(200, { user: me.user, csrf_token: 'csrf-login' }),
      'GET /api/v1/me': () => json(200, me),
    })
    renderWithProviders(<LoginForm />, { route: '/login', path: '/login' })
    await fillAndSubmit()
    expect(await screen.findByText('elsewhere')).toBeInTheDocument()
    expect(getCsrfToken()).toBe('csrf-me')
    expect(calls[0].credentials).toBe('same-origin')
  })

  it('only follows relative next paths', () => {
    expect(safeNext('/w/2/contacts')).toBe('/w/2/contacts')
    expect(safeNext('//evil.example')).toBe('/')
    expect(safeNext('https://evil.example')).toBe('/')
    expect(safeNext(null)).toBe('/')
  })
})
