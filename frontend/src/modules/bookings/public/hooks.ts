import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { api } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import { useApiMutation } from '../../../api/queries'
import type { Schemas } from '../../../api/types'
import { monthRange } from './time'

export type PublicCalendar = Schemas['PublicCalendar']
export type PublicType = Schemas['PublicType']
export type PublicBooking = Schemas['PublicBooking']
export type BookingIn = Schemas['PublicBookingIn']
export type Slot = Schemas['Slot']

/** A booking page: the workspace's slug and the calendar's. */
export type PageRef = { ws: string; calendar: string }

const pageKey = (ref: PageRef) => ['public-book', ref.ws, ref.calendar] as const
const slotsKey = (ref: PageRef) => [...pageKey(ref), 'slots'] as const
const bookingKey = (token: string) => ['public-booking', token] as const

export function usePublicCalendar(ref: PageRef) {
  return useQuery({
    queryKey: pageKey(ref),
    queryFn: async () =>
      (await api.GET('/api/v1/public/book/{slug}/{calendar_slug}', { params: { path: { slug: ref.ws, calendar_slug: ref.calendar } } })).data!,
    enabled: !!ref.ws && !!ref.calendar,
    retry: false,
    staleTime: 5 * 60_000,
  })
}

/** The free slots of one month ('2026-05') of a booking type, written in `tz`. */
export function useFreeSlots(ref: PageRef, type: string, month: string, tz: string) {
  return useQuery({
    queryKey: [...slotsKey(ref), type, month, tz],
    queryFn: async () => {
      const { from, to } = monthRange(month)
      const query = { type, from, to, tz }
      const path = { slug: ref.ws, calendar_slug: ref.calendar }
      return (await api.GET('/api/v1/public/book/{slug}/{calendar_slug}/slots', { params: { path, query } })).data!.slots
    },
    enabled: !!type,
    retry: false,
    staleTime: 30_000,
  })
}

/** Slots just shown may be taken: asks for them again. */
export function useRefreshSlots(ref: PageRef) {
  const client = useQueryClient()
  return useCallback(() => client.invalidateQueries({ queryKey: slotsKey(ref) }), [client, ref])
}

/** The slots of that day still free, which a 409 ("just taken") carries; null for other errors. */
export function freshSlots(error: unknown): Slot[] | null {
  if (!isApiError(error) || error.status !== 409) return null
  const slots = error.body.slots
  return Array.isArray(slots) ? (slots as Slot[]) : []
}

export function useBook(ref: PageRef) {
  return useApiMutation({
    mutationFn: (body: BookingIn) =>
      api.POST('/api/v1/public/book/{slug}/{calendar_slug}/bookings', { params: { path: { slug: ref.ws, calendar_slug: ref.calendar } }, body }),
    onSuccess: (booking, _v, client) => client.setQueryData(bookingKey(booking.token), booking),
    invalidates: [slotsKey(ref)],
  })
}

export function usePublicBooking(token: string) {
  return useQuery({
    queryKey: bookingKey(token),
    queryFn: async () => (await api.GET('/api/v1/public/bookings/{token}', { params: { path: { token } } })).data!,
    enabled: !!token,
    retry: false,
    staleTime: 60_000,
  })
}

export function useCancelBooking(token: string) {
  return useApiMutation({
    mutationFn: (reason: string) =>
      api.POST('/api/v1/public/bookings/{token}/cancel', { params: { path: { token } }, body: { reason: reason.trim() || null } }),
    onSuccess: (booking, _v, client) => client.setQueryData(bookingKey(token), booking),
    invalidates: [],
  })
}

export function useRescheduleBooking(token: string) {
  return useApiMutation({
    mutationFn: (body: { start: string; tz: string }) => api.POST('/api/v1/public/bookings/{token}/reschedule', { params: { path: { token } }, body }),
    onSuccess: (booking, _v, client) => client.setQueryData(bookingKey(token), booking),
    invalidates: (booking) => [slotsKey({ ws: booking.workspace_slug, calendar: booking.calendar_slug })],
  })
}
