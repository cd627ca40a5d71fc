import { screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { page } from '../../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../../test/render'
import { cardPanels } from '../../contacts/cardPanels'
import { TIMELINE_FILTERS } from '../../contacts/ActivityTimeline'
import { BookingsPanel } from './BookingsPanel'
import './cardPanels'
import { booking } from './fixtures'

const PATH = '/api/v1/workspaces/7/contacts/3/bookings'

describe('the card’s Bookings panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is registered on the card, and the timeline filters booking activities', () => {
    expect(cardPanels().find((p) => p.id === 'bookings')?.title).toBe('Bookings')
    expect(TIMELINE_FILTERS.find((f) => f.label === 'Bookings')?.value).toBe('booking_made,booking_rescheduled,booking_cancelled')
  })

  it('lists upcoming bookings first, then past ones, each linked to the bookings page', async () => {
    const { calls } = mockApi({
      [`GET ${PATH}`]: (_req, url) =>
        url.searchParams.get('from')
          ? json(200, page([booking({ id: 1 })], { total: 6, page_size: 5 }))
          : json(200, page([booking({ id: 2, start: '2026-01-05T10:00:00Z', end: '2026-01-05T10:30:00Z', status: 'cancelled', booking_type_name: 'Konsultacja' })])),
    })
    renderWithProviders(<BookingsPanel contactId={3} workspaceId={7} canEdit={false} />)
    const upcoming = await screen.findByRole('group', { name: 'Upcoming' })
    expect(within(upcoming).getByText('Upcoming (1 of 6)')).toBeInTheDocument()
    expect(within(upcoming).getByRole('link')).toHaveAttribute('href', '/w/7/bookings?view=list&when=all&contact=3&booking=1')
    expect(within(upcoming).getByText('Rozmowa wstępna · Konsultacje Żółwia · Ann Admin')).toBeInTheDocument()
    const past = screen.getByRole('group', { name: 'Past' })
    expect(within(past).getByText('Cancelled')).toBeInTheDocument()
    expect(within(past).getByText(/^Konsultacja · /)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'All 7 bookings' })).toHaveAttribute('href', '/w/7/bookings?view=list&when=all&contact=3')
    const sent = calls.map((r) => Object.fromEntries(new URL(r.url).searchParams))
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sort: 'start', page_size: '5', from: expect.any(String) }),
        expect.objectContaining({ sort: '-start', page_size: '5', to: expect.any(String) }),
      ]),
    )
  })

  it('says so when the contact has no bookings', async () => {
    mockApi({ [`GET ${PATH}`]: () => json(200, page([])) })
    renderWithProviders(<BookingsPanel contactId={3} workspaceId={7} canEdit />)
    expect(await screen.findByText(/No bookings yet/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Go to Bookings' })).toHaveAttribute('href', '/w/7/bookings')
  })
})
