import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../../api/types'
import * as fixtures from '../../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../../test/render'
import { CalendarEditorPage } from './CalendarEditorPage'
import { calendarBody, calendarDraft } from './CalendarForm'
import { typeBody, typeDraft } from './BookingTypes'
import { bookingType, calendar, member } from './fixtures'

const WS = '/api/v1/workspaces/7'

function renderEditor(role: Role, route: string, routes: Parameters<typeof mockApi>[0]) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role, time_zone: 'Europe/Warsaw' })] }))
  const api = mockApi({
    [`GET ${WS}/members`]: () => json(200, fixtures.page([member(), member({ user_id: 2, name: 'Bartek Żak', email: 'b@example.com' })])),
    [`GET ${WS}/calendars/5`]: () => json(200, calendar()),
    [`GET ${WS}/calendars/5/booking-types`]: () => json(200, { items: [bookingType()] }),
    [`GET ${WS}/calendars/5/overrides`]: () =>
      json(200, {
        items: ['2099-07-01', '2099-07-02', '2099-07-03'].map((date, i) => ({ id: i + 1, date, hours: [], note: 'Urlop', day_off: true })),
      }),
    ...routes,
  })
  const view = renderWithProviders(<CalendarEditorPage />, { route, path: '/w/:ws/settings/calendars/:calendarId', client })
  return { ...api, ...view }
}

const time = (name: string, value: string) => fireEvent.change(screen.getByLabelText(name), { target: { value } })

describe('calendar editor', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('creates a calendar once, with its weekly hours, and shows the API errors on their fields', async () => {
    let posts = 0
    const { calls, router } = renderEditor('admin', '/w/7/settings/calendars/new', {
      [`POST ${WS}/calendars`]: () =>
        ++posts === 1
          ? json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { slug: ['Another calendar has this address; choose another.'] } })
          : json(201, calendar()),
    })
    await userEvent.type(screen.getByLabelText(/^Name/), 'Konsultacje Żółwia')
    // Monday 09:00–12:00 and 13:00–16:00; a second range starts where the first ends.
    time('Monday until', '12:00')
    await userEvent.click(screen.getByRole('button', { name: 'Add hours on Monday' }))
    expect(screen.getByLabelText('Monday from 2')).toHaveValue('12:00')
    time('Monday from 2', '11:00')
    expect(screen.getByText('Overlaps 09:00–12:00.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Create calendar' })).toBeDisabled()
    time('Monday from 2', '13:00')
    time('Monday until 2', '16:00')
    await userEvent.click(screen.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }))
    expect(screen.getByLabelText('Friday until 2')).toHaveValue('16:00')
    await userEvent.click(screen.getByRole('switch', { name: 'Saturday' }))
    expect(screen.getByLabelText('Saturday from')).toHaveValue('09:00')
    await userEvent.type(screen.getByLabelText('Address'), 'konsultacje')

    await userEvent.click(screen.getByRole('button', { name: 'Create calendar' }))
    expect(await screen.findByText('Another calendar has this address; choose another.')).toBeInTheDocument()
    expect(screen.getByLabelText('Address')).toHaveAttribute('aria-invalid', 'true')

    await userEvent.clear(screen.getByLabelText('Address'))
    await userEvent.type(screen.getByLabelText('Address'), 'konsultacje-2')
    await userEvent.dblClick(screen.getByRole('button', { name: 'Create calendar' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/w/7/settings/calendars/5'))
    const sent = calls.filter((r) => r.method === 'POST')
    expect(sent).toHaveLength(2)
    const body = await sent[1].json()
    expect(body).toMatchObject({ name: 'Konsultacje Żółwia', slug: 'konsultacje-2', user_id: 1, team_user_ids: [], time_zone: 'Europe/Warsaw', active: true })
    expect(body).not.toHaveProperty('consent_text') // empty: the API's standard text
    expect(body.weekly_hours).toHaveLength(11)
    expect(body.weekly_hours.filter((h: { weekday: number }) => h.weekday === 4)).toEqual([
      { weekday: 4, start: '09:00', end: '12:00' },
      { weekday: 4, start: '13:00', end: '16:00' },
    ])
    expect(body.weekly_hours.at(-1)).toEqual({ weekday: 5, start: '09:00', end: '17:00' })
    // The saved calendar: its links, booking types and overrides.
    expect(await screen.findByRole('heading', { name: 'Links' })).toBeInTheDocument()
    expect(await screen.findByText('Rozmowa wstępna')).toBeInTheDocument()
  }, 20_000)

  it('sends a team as team members only, and a member as the member only', () => {
    const draft = calendarDraft(calendar(), { timeZone: 'UTC' })
    expect(calendarBody({ ...draft, owner: 'team', team: ['1', '2'] })).toMatchObject({ user_id: null, team_user_ids: [1, 2] })
    expect(calendarBody({ ...draft, owner: 'member', user_id: '2', team: ['1'] })).toMatchObject({ user_id: 2, team_user_ids: [] })
  })

  it('saves a booking type keeping its questions’ keys, an empty limit as none', () => {
    const draft = typeDraft(bookingType({ max_per_day: 4 }))
    const body = typeBody({
      ...draft,
      max_per_day: '',
      location: '  ',
      questions: [...draft.questions, { label: '  ', required: false, multiline: false }, { label: ' Telefon ', required: true, multiline: false }],
    })
    expect(body).toMatchObject({ name: 'Rozmowa wstępna', duration_minutes: 30, buffer_after: 10, max_per_day: null, location: null })
    expect(body.slug).toBe('rozmowa-wstepna')
    expect(body.questions).toEqual([
      { key: 'topic', label: 'O czym chcesz porozmawiać?', required: true, multiline: true },
      { label: 'Telefon', required: true, multiline: false },
    ])
  })

  it('lets a member read a calendar: its links, types and days off, nothing to change', async () => {
    const { calls } = renderEditor('member', '/w/7/settings/calendars/5', {})
    expect(await screen.findByDisplayValue('Konsultacje Żółwia')).toBeDisabled()
    expect(screen.getByText('Only workspace admins can change calendars.')).toBeInTheDocument()
    expect(screen.getByText('http://app.example/book/acme/konsultacje')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Copy private calendar feed link' })).toBeInTheDocument()
    const type = await screen.findByTestId('booking-type')
    expect(within(type).getByText('30 min · 10 min free after · at least 1 h ahead, up to 60 days ahead')).toBeInTheDocument()
    const days = await screen.findByRole('list', { name: 'Date overrides' })
    expect(within(days).getAllByRole('listitem')).toHaveLength(1) // three days off in a row: one line
    expect(within(days).getByText('Urlop')).toBeInTheDocument()
    for (const name of ['Save', 'Add booking type', 'Renew', 'Delete calendar', 'Add override']) {
      expect(screen.queryByRole('button', { name })).toBeNull()
    }
    expect(calls.every((r) => r.method === 'GET')).toBe(true)
  })

  it('renews the private feed after a warning, keeping what is being typed', async () => {
    let current = calendar()
    const { calls } = renderEditor('admin', '/w/7/settings/calendars/5', {
      [`GET ${WS}/calendars/5`]: () => json(200, current),
      [`PATCH ${WS}/calendars/5`]: () => {
        current = calendar({ feed_url: 'http://app.example/api/v1/public/calendar-feeds/n3w/calendar.ics' })
        return json(200, current)
      },
    })
    const name = await screen.findByDisplayValue('Konsultacje Żółwia')
    await userEvent.type(name, ' i Syna')
    await userEvent.click(screen.getByRole('button', { name: 'Renew' }))
    expect(await screen.findByText(/The current address stops working at once/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Renew the address' }))
    expect(await screen.findByText('http://app.example/api/v1/public/calendar-feeds/n3w/calendar.ics')).toBeInTheDocument()
    const patch = calls.find((r) => r.method === 'PATCH')!
    expect(await patch.json()).toEqual({ renew_feed: true })
    expect(screen.getByLabelText(/^Name/)).toHaveValue('Konsultacje Żółwia i Syna')
  })
})
