import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, mockApi, renderWithProviders } from '../../../test/render'
import { BookingPage } from './BookingPage'
import type { PublicBooking, PublicCalendar } from './hooks'
import { ManageBookingPage } from './ManageBookingPage'

const PAGE = '/api/v1/public/book/zolw/konsultacje'
const intro = {
  name: 'Rozmowa wstępna — Вступительная беседа',
  slug: 'rozmowa',
  description: null,
  location: 'Zoom',
  duration_minutes: 30,
  min_notice_minutes: 60,
  max_days_ahead: 60,
  questions: [
    { key: 'topic', label: 'O czym chcesz porozmawiać?', required: true, multiline: true },
    { key: 'phone', label: 'Telefon', required: false, multiline: false },
  ],
}
const about = {
  name: 'Konsultacje — Консультации',
  slug: 'konsultacje',
  description: 'Porozmawiajmy o Twoim projekcie.',
  time_zone: 'Europe/Warsaw',
}
const calendar: PublicCalendar = {
  calendar: about,
  ...about,
  workspace_name: 'Żółw i Syn',
  consent_text: 'Zgadzam się na przetwarzanie moich danych.',
  booking_types: [intro, { ...intro, name: 'Warsztat', slug: 'warsztat', questions: [] }],
}
// Written in the visitor's zone (Tokyo): 00:30 on the 15th is still the 14th in UTC.
const slot = (day: string, hm: string, end: string) => ({ start: `2026-05-${day}T${hm}:00+09:00`, end: `2026-05-${day}T${end}:00+09:00` })
const MAY = [slot('14', '10:00', '10:30'), slot('15', '00:30', '01:00'), slot('15', '09:00', '09:30')]

const booking = (over: Partial<PublicBooking> = {}): PublicBooking => ({
  id: 1,
  status: 'confirmed',
  start: '2026-05-15T09:00:00+09:00',
  end: '2026-05-15T09:30:00+09:00',
  time_zone: 'Asia/Tokyo',
  name: 'Zażółć Gęślą',
  email: 'jazn@example.pl',
  workspace_name: calendar.workspace_name,
  workspace_slug: 'zolw',
  calendar_name: calendar.name,
  calendar_slug: 'konsultacje',
  type: intro,
  member_name: 'Olga Оксана',
  can_change: true,
  token: 'tok-1',
  manage_url: 'https://app.example/booking/tok-1',
  ...over,
})

// Mantine's autosizing Textarea listens to document.fonts, which jsdom lacks.
beforeAll(() => {
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} } })
})

const renderBook = (search = '?tz=Asia/Tokyo') => renderWithProviders(<BookingPage />, { route: `/book/zolw/konsultacje${search}`, path: '/book/:workspaceSlug/:calendarSlug' })

describe('the public booking page', { timeout: 20_000 }, () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-05-10T08:00:00Z') }))
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('books a chosen slot in the visitor’s zone, offers the fresh times after a 409, and confirms', async () => {
    const slotQueries: string[] = []
    const posted: Record<string, unknown>[] = []
    const { calls } = mockApi({
      [`GET ${PAGE}`]: () => json(200, calendar),
      [`GET ${PAGE}/slots`]: (_req, url) => {
        slotQueries.push(url.search)
        return json(200, { slots: url.searchParams.get('from') === '2026-05-01' ? MAY : [] })
      },
      [`POST ${PAGE}/bookings`]: async (req) => {
        const body = (await req.json()) as Record<string, unknown>
        posted.push(body)
        if (posted.length === 1) {
          const message = 'Sorry, this time was just taken. Please choose another one.'
          return json(409, { code: 'conflict', message, errors: { start: [message] }, slots: [MAY[2]] })
        }
        return json(201, booking())
      },
    })
    renderBook()
    expect(await screen.findByRole('heading', { name: 'Konsultacje — Консультации' })).toBeInTheDocument()
    expect(screen.getByText('Żółw i Syn')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: /^Warsztat/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Change' }))
    await userEvent.click(screen.getByRole('button', { name: /^Rozmowa wstępna/ }))

    // One request for the month, in the visitor's zone; only days with free times can be chosen.
    expect(await screen.findByRole('button', { name: 'Friday, 15 May 2026: 2 free times' })).toBeEnabled()
    expect(screen.getByRole('button', { name: 'Wednesday, 13 May 2026: no free times' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Thursday, 14 May 2026: 1 free time' })).toBeEnabled()
    expect(slotQueries.filter((q) => q.includes('type=rozmowa'))).toEqual(['?type=rozmowa&from=2026-05-01&to=2026-05-31&tz=Asia%2FTokyo'])
    expect(screen.getByLabelText('Time zone')).toHaveValue('Asia/Tokyo')

    await userEvent.click(screen.getByRole('button', { name: 'Friday, 15 May 2026: 2 free times' }))
    const times = screen.getByRole('group', { name: 'Free times on Friday, 15 May 2026' })
    expect(within(times).getAllByRole('button').map((b) => b.textContent)).toEqual(['00:30', '09:00'])
    await userEvent.click(within(times).getByRole('button', { name: '00:30' }))

    // The form: everything missing is said at once, nothing is sent.
    expect(screen.getByTestId('booking-when')).toHaveTextContent('Friday, 15 May 2026, 00:30–01:00')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm booking' }))
    expect(screen.getByText('Enter your name.')).toBeInTheDocument()
    expect(screen.getByText('Answer this question.')).toBeInTheDocument()
    expect(screen.getByText('Tick the box to agree, so we can keep your booking.')).toBeInTheDocument()
    expect(posted).toHaveLength(0)

    await userEvent.type(screen.getByRole('textbox', { name: /Your name/ }), 'Zażółć Gęślą')
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'jazn@example.pl')
    await userEvent.type(screen.getByRole('textbox', { name: /O czym chcesz porozmawiać/ }), 'Nowa strona — сайт')
    await userEvent.click(screen.getByRole('checkbox', { name: /Zgadzam się/ }))
    const honeypot = document.querySelector('input[name="website"]')!
    expect(honeypot).toHaveAttribute('tabindex', '-1')
    expect(honeypot).toHaveAttribute('aria-hidden', 'true')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm booking' }))

    // Taken meanwhile: the message and the day's fresh times; the details stay.
    expect(await screen.findByText('Sorry, this time was just taken. Please choose another one.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Confirm booking' })).toBeDisabled()
    await userEvent.click(within(screen.getByRole('group', { name: 'Times still free that day' })).getByRole('button', { name: '09:00' }))
    expect(screen.getByTestId('booking-when')).toHaveTextContent('Friday, 15 May 2026, 09:00–09:30')
    expect(screen.getByRole('textbox', { name: /Your name/ })).toHaveValue('Zażółć Gęślą')
    await userEvent.dblClick(screen.getByRole('button', { name: 'Confirm booking' }))

    expect(await screen.findByRole('heading', { name: 'You are booked' })).toBeInTheDocument()
    expect(screen.getByText(/A confirmation email is on its way/)).toBeInTheDocument()
    expect(screen.getByTestId('booking-when')).toHaveTextContent('Friday, 15 May 2026, 09:00–09:30')
    expect(screen.getByText('Olga Оксана')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Change or cancel this booking' })).toHaveAttribute('href', '/booking/tok-1')
    expect(posted).toHaveLength(2) // the double click booked once
    expect(posted[1]).toEqual({
      type: 'rozmowa',
      start: '2026-05-15T09:00:00+09:00',
      name: 'Zażółć Gęślą',
      email: 'jazn@example.pl',
      answers: { topic: 'Nowa strona — сайт' },
      consent: true,
      tz: 'Asia/Tokyo',
      website: '',
    })
    // After the 409 the month was asked for again (its times had changed).
    expect(calls.filter((r) => r.url.includes('/slots')).length).toBeGreaterThanOrEqual(2)
  })

  it('asks again in another zone, shows an empty month with a way on, and an API field error on its field', async () => {
    const zones: (string | null)[] = []
    mockApi({
      [`GET ${PAGE}`]: () => json(200, { ...calendar, booking_types: [{ ...intro, questions: [] }] }),
      [`GET ${PAGE}/slots`]: (_req, url) => {
        zones.push(url.searchParams.get('tz'))
        const june = url.searchParams.get('from') === '2026-06-01'
        return json(200, { slots: june ? [{ start: '2026-06-14T10:00:00+01:00', end: '2026-06-14T10:30:00+01:00' }] : [] })
      },
      [`POST ${PAGE}/bookings`]: () => json(422, { code: 'unprocessable', message: 'Please correct the highlighted fields.', errors: { email: ['Enter a valid email address.'] } }),
    })
    renderBook()
    // One type: no choice to make.
    expect(await screen.findByText('No free times in May 2026.')).toBeInTheDocument()
    const zone = screen.getByRole('combobox', { name: 'Time zone' })
    await userEvent.clear(zone)
    await userEvent.type(zone, 'Europe/Lond')
    await userEvent.click(await screen.findByRole('option', { name: 'Europe/London', hidden: true }))
    await waitFor(() => expect(zones).toEqual(['Asia/Tokyo', 'Europe/London']))
    await userEvent.click(screen.getByRole('button', { name: 'June 2026' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Sunday, 14 June 2026: 1 free time' }))
    await userEvent.click(screen.getByRole('button', { name: '10:00' }))
    await userEvent.type(screen.getByRole('textbox', { name: /Your name/ }), 'Ewa')
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'ewa@')
    await userEvent.click(screen.getByRole('checkbox'))
    await userEvent.click(screen.getByRole('button', { name: 'Confirm booking' }))
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: /Email/ })).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByText('Please correct the highlighted fields.')).not.toBeInTheDocument()
  })

  it('stops the months at the type’s last open day', async () => {
    mockApi({
      // Today is 10 May in Tokyo: 40 days ahead is 19 June.
      [`GET ${PAGE}`]: () => json(200, { ...calendar, booking_types: [{ ...intro, max_days_ahead: 40 }] }),
      [`GET ${PAGE}/slots`]: () => json(200, { slots: [] }),
    })
    renderBook()
    expect(await screen.findByText('No free times in May 2026.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Previous month' })).toBeDisabled()
    await userEvent.click(screen.getByRole('button', { name: 'Next month' }))
    expect(await screen.findByText('No free times in June 2026.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Next month' })).toBeDisabled()
    expect(screen.queryByRole('button', { name: 'July 2026' })).toBeNull()
  })

  it('says so when the page does not exist', async () => {
    mockApi({ [`GET ${PAGE}`]: () => json(404, { code: 'not_found', message: 'Calendar not found.', errors: {} }) })
    renderBook('')
    expect(await screen.findByRole('heading', { name: 'This booking page does not exist' })).toBeInTheDocument()
  })
})

describe('the manage page', { timeout: 20_000 }, () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-05-10T08:00:00Z') }))
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
  const renderManage = () => renderWithProviders(<ManageBookingPage />, { route: '/booking/tok-1', path: '/booking/:token' })
  const BOOKING = '/api/v1/public/bookings/tok-1'

  it('moves the booking to a free time, with fresh times after a 409, then cancels it with a reason', async () => {
    const moves: unknown[] = []
    const cancels: unknown[] = []
    mockApi({
      [`GET ${BOOKING}`]: () => json(200, booking()),
      [`GET ${PAGE}/slots`]: () => json(200, { slots: MAY }),
      [`POST ${BOOKING}/reschedule`]: async (req) => {
        moves.push(await req.json())
        if (moves.length === 1) return json(409, { code: 'conflict', message: 'Sorry, this time was just taken.', errors: {}, slots: [MAY[0]] })
        return json(200, booking({ start: MAY[0].start, end: MAY[0].end }))
      },
      [`POST ${BOOKING}/cancel`]: async (req) => {
        cancels.push(await req.json())
        return json(200, booking({ start: MAY[0].start, end: MAY[0].end, status: 'cancelled', can_change: false }))
      },
    })
    renderManage()
    expect(await screen.findByTestId('booking-status')).toHaveTextContent('Confirmed')
    expect(screen.getByTestId('booking-when')).toHaveTextContent('Friday, 15 May 2026, 09:00–09:30')

    await userEvent.click(screen.getByRole('button', { name: 'Reschedule' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Friday, 15 May 2026: 2 free times' }))
    await userEvent.click(screen.getByRole('button', { name: '00:30' }))
    await userEvent.click(screen.getByRole('button', { name: 'Move my booking' }))
    expect(await screen.findByText('Sorry, this time was just taken.')).toBeInTheDocument()
    await userEvent.click(within(screen.getByRole('group', { name: 'Times still free that day' })).getByRole('button', { name: '10:00' }))
    await userEvent.click(screen.getByRole('button', { name: 'Move my booking' }))
    expect(await screen.findByText('Your booking was moved')).toBeInTheDocument()
    expect(moves).toEqual([
      { start: MAY[1].start, tz: 'Asia/Tokyo' },
      { start: MAY[0].start, tz: 'Asia/Tokyo' },
    ])
    expect(screen.getByTestId('booking-when')).toHaveTextContent('Thursday, 14 May 2026, 10:00–10:30')

    await userEvent.click(screen.getByRole('button', { name: 'Cancel booking' }))
    const region = screen.getByRole('region', { name: 'Cancel the booking' })
    await userEvent.type(within(region).getByRole('textbox', { name: /Reason/ }), 'Choroba — болезнь')
    await userEvent.click(within(region).getByRole('button', { name: 'Cancel booking' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, cancel it' }))
    expect(await screen.findByText('This booking is cancelled')).toBeInTheDocument()
    expect(cancels).toEqual([{ reason: 'Choroba — болезнь' }])
    expect(screen.getByTestId('booking-status')).toHaveTextContent('Cancelled')
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Reschedule' })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: 'Book another time' })).toHaveAttribute('href', '/book/zolw/konsultacje')
  })

  it('offers no change to a past booking, and tells a bad link', async () => {
    mockApi({ [`GET ${BOOKING}`]: () => json(200, booking({ can_change: false })) })
    renderManage()
    expect(await screen.findByText('This booking can no longer be changed')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Reschedule' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Cancel booking' })).toBeDisabled()
    vi.unstubAllGlobals()
    mockApi({ [`GET ${BOOKING}`]: () => json(404, { code: 'not_found', message: 'Link not found.', errors: {} }) })
    renderManage()
    expect(await screen.findByRole('heading', { name: 'This booking link is not valid' })).toBeInTheDocument()
  })
})
