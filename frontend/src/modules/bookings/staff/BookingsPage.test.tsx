import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../../api/types'
import * as fixtures from '../../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../../test/render'
import { BookingsPage } from './BookingsPage'
import { booking, bookingType, calendar, member } from './fixtures'
import { addDays, dateKey, weekStart } from './time'

const WS = '/api/v1/workspaces/7'
// A week far ahead (bookings in the past cannot change), in the browser's zone.
const MONDAY = weekStart(new Date(2099, 2, 4))
const at = (days: number, h: number, m = 0) => new Date(MONDAY.getFullYear(), MONDAY.getMonth(), MONDAY.getDate() + days, h, m).toISOString()
const EWA = booking({ start: at(0, 9), end: at(0, 9, 30) })
const JAN = booking({ id: 2, name: 'Jan Kowalski', start: at(2, 14), end: at(2, 15), booking_type_name: 'Konsultacja' })

function renderPage(route: string, routes: Parameters<typeof mockApi>[0], role: Role = 'member') {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({
    [`GET ${WS}/members`]: () => json(200, fixtures.page([member()])),
    [`GET ${WS}/calendars`]: () => json(200, fixtures.page([calendar()])),
    [`GET ${WS}/calendars/5/booking-types`]: () => json(200, { items: [bookingType()] }),
    ...routes,
  })
  const view = renderWithProviders(<BookingsPage />, { route, path: '/w/:ws/bookings', client })
  return { ...api, ...view }
}

const lists = (calls: Request[]) => calls.filter((r) => r.method === 'GET' && new URL(r.url).pathname === `${WS}/bookings`).map((r) => new URL(r.url).searchParams)

describe('bookings page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the week in the browser’s zone, opens a booking and cancels it with a reason', async () => {
    let current = EWA
    const { calls, router } = renderPage(`/w/7/bookings?week=${dateKey(addDays(MONDAY, 3))}`, {
      [`GET ${WS}/bookings`]: () => json(200, fixtures.page([current, JAN])),
      [`GET ${WS}/bookings/1`]: () => json(200, current),
      [`PATCH ${WS}/bookings/1`]: () => {
        current = { ...EWA, status: 'cancelled', cancelled_at: '2026-03-01T12:00:00Z', cancelled_by: 'staff', cancel_reason: 'Choroba' }
        return json(200, current)
      },
    })
    const monday = await screen.findByRole('group', { name: new RegExp(`^Monday,? ${MONDAY.getDate()} `) })
    const block = within(monday).getByRole('button', { name: /Ewa Żółkiewska, Rozmowa wstępna/ })
    expect(block).toHaveTextContent('09:00')
    const wednesday = screen.getByRole('group', { name: /^Wednesday/ })
    expect(within(wednesday).getByRole('button', { name: /^14:00–15:00 Jan Kowalski, Konsultacja$/ })).toBeInTheDocument()
    // One request for the week: local Monday 00:00 to the next Monday.
    const [query] = lists(calls)
    expect(query.get('from')).toBe(MONDAY.toISOString())
    expect(query.get('to')).toBe(addDays(MONDAY, 7).toISOString())

    await userEvent.click(block)
    expect(router.state.location.search).toContain('booking=1')
    const drawer = await screen.findByRole('dialog', { name: 'Ewa Żółkiewska' })
    expect(await within(drawer).findByText('O czym chcesz porozmawiać?')).toBeInTheDocument() // the question, not its key
    expect(within(drawer).getByText('O żółwiach')).toBeInTheDocument()
    expect(within(drawer).getByTestId('consent-text')).toHaveTextContent('Zgadzam się na przetwarzanie danych.')
    expect(within(drawer).getByText('Public booking page')).toBeInTheDocument()

    await userEvent.type(within(drawer).getByLabelText(/Reason for cancelling/), 'Choroba')
    await userEvent.click(within(drawer).getByRole('button', { name: 'Cancel booking' }))
    const confirm = await screen.findByRole('dialog', { name: 'Cancel this booking?' })
    await userEvent.dblClick(within(confirm).getByRole('button', { name: 'Cancel booking' }))
    expect(await within(drawer).findByText('“Choroba”')).toBeInTheDocument()
    const patches = calls.filter((r) => r.method === 'PATCH')
    expect(patches).toHaveLength(1)
    expect(await patches[0].json()).toEqual({ status: 'cancelled', reason: 'Choroba' })
    expect(within(drawer).queryByRole('button', { name: 'Cancel booking' })).toBeNull()
    expect(await within(monday).findByRole('button', { name: /Ewa Żółkiewska, Rozmowa wstępna, cancelled/ })).toBeInTheDocument()
  }, 20_000)

  it('moves a booking to a free time of a chosen day, with the fresh times after a 409', async () => {
    const slot = (days: number, h: number) => ({ start: at(days, h), end: at(days, h, 30) })
    const fresh = [slot(0, 11), slot(0, 12)]
    let moved = false
    const sent: unknown[] = []
    const { calls } = renderPage('/w/7/bookings?booking=1', {
      [`GET ${WS}/bookings`]: () => json(200, fixtures.page([EWA])),
      [`GET ${WS}/bookings/1`]: () => json(200, moved ? { ...EWA, ...fresh[1], sequence: 1 } : EWA),
      // The booking's own 09:00 counts as free (ignore_booking); Tuesday is full.
      [`GET ${WS}/calendars/5/slots`]: (_req, url) =>
        json(200, { slots: url.searchParams.get('from') === dateKey(MONDAY) ? [slot(0, 9), slot(0, 10), slot(0, 11)] : [] }),
      [`PATCH ${WS}/bookings/1`]: async (req) => {
        const { start } = await req.json()
        sent.push(start)
        if (start !== fresh[1].start) return json(409, { code: 'conflict', message: 'That time is not free any more.', errors: { start: ['That time is not free any more.'] }, slots: fresh })
        moved = true
        return json(200, { ...EWA, ...fresh[1], sequence: 1 })
      },
    })
    const drawer = await screen.findByRole('dialog', { name: 'Ewa Żółkiewska' })
    const dayInput = await within(drawer).findByLabelText('Move to day')
    expect(dayInput).toHaveValue(dateKey(MONDAY))
    const times = await within(drawer).findByRole('group', { name: /^Free times on Monday/ })
    expect(within(times).getAllByRole('button').map((b) => b.textContent)).toEqual(['09:00', '10:00', '11:00'])
    const query = new URL(calls.find((r) => r.url.includes('/slots'))!.url).searchParams
    expect(Object.fromEntries(query)).toMatchObject({ type: 'rozmowa-wstepna', from: dateKey(MONDAY), to: dateKey(MONDAY), ignore_booking: '1' })
    expect(query.get('tz')).toBeTruthy()
    const moveButton = within(drawer).getByRole('button', { name: 'Move' })
    expect(moveButton).toBeDisabled()
    // Its own time is marked; choosing it moves nothing.
    expect(within(times).getByRole('button', { name: '09:00' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(within(times).getByRole('button', { name: '09:00' }))
    expect(moveButton).toBeDisabled()

    fireEvent.change(dayInput, { target: { value: dateKey(addDays(MONDAY, 1)) } })
    expect(await within(drawer).findByText('Nothing is free that day: try another day.')).toBeInTheDocument()
    fireEvent.change(dayInput, { target: { value: dateKey(MONDAY) } })
    await userEvent.click(await within(drawer).findByRole('button', { name: '10:00' }))
    expect(within(drawer).getByRole('button', { name: '10:00' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(moveButton)

    // Taken meanwhile: the message and the day's times still free.
    expect(await within(drawer).findByText('That time is not free any more.')).toBeInTheDocument()
    const still = within(drawer).getByRole('group', { name: /^Free times on Monday/ })
    expect(within(still).getAllByRole('button').map((b) => b.textContent)).toEqual(['11:00', '12:00'])
    await userEvent.click(within(still).getByRole('button', { name: '12:00' }))
    await userEvent.dblClick(within(drawer).getByRole('button', { name: 'Move' }))
    await waitFor(() => expect(within(drawer).getByText('Rescheduled')).toBeInTheDocument())
    expect(within(drawer).queryByText('That time is not free any more.')).toBeNull()
    expect(sent).toEqual([slot(0, 10).start, fresh[1].start])
  }, 20_000)

  it('keeps the list’s filters, sort and page in the URL; viewers only read', async () => {
    const { calls, router } = renderPage(
      '/w/7/bookings?view=list&status=cancelled&calendar=5&member=me',
      { [`GET ${WS}/bookings`]: () => json(200, fixtures.page([EWA], { total: 120 })), [`GET ${WS}/bookings/1`]: () => json(200, EWA) },
      'viewer',
    )
    const table = await screen.findByRole('table', { name: 'Bookings' })
    expect(within(table).getByText('Konsultacje Żółwia')).toBeInTheDocument()
    let query = lists(calls).at(-1)!
    expect(Object.fromEntries(query)).toMatchObject({ status: 'cancelled', calendar_id: '5', user_id: 'me', sort: 'start' })
    expect(query.get('from')).toBeTruthy() // upcoming

    await userEvent.click(screen.getByRole('radio', { name: 'Past' }))
    await waitFor(() => expect(lists(calls).at(-1)!.get('sort')).toBe('-start'))
    query = lists(calls).at(-1)!
    expect(query.get('to')).toBeTruthy()
    expect(query.get('from')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: /Sort by\s*When/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Page 2' }))
    expect(router.state.location.search).toBe('?view=list&status=cancelled&calendar=5&member=me&when=past&sort=start&page=2')
    await waitFor(() => expect(lists(calls).at(-1)!.get('page')).toBe('2'))

    await userEvent.click(within(table).getByRole('button', { name: 'Ewa Żółkiewska' }))
    const drawer = await screen.findByRole('dialog', { name: 'Ewa Żółkiewska' })
    await within(drawer).findByText('O żółwiach')
    expect(within(drawer).queryByRole('button', { name: 'Cancel booking' })).toBeNull()
    expect(within(drawer).queryByLabelText('Move to day')).toBeNull()
  }, 20_000)
})
