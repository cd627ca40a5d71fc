import { useQuery } from '@tanstack/react-query'
import { api, isApiError } from '../../../api/client'
import { detailKey, useApiMutation, useDetailQuery, useListQuery } from '../../../api/queries'
import type { Schemas } from '../../../api/types'
import { activitiesKey } from '../../contacts/hooks'

export type Calendar = Schemas['Calendar']
export type CalendarInput = Schemas['CalendarIn']
export type CalendarPatch = Schemas['CalendarPatch']
export type WeeklyHours = Schemas['WeeklyHours']
export type Hours = Schemas['Hours']
export type BookingType = Schemas['BookingType']
export type BookingTypeInput = Schemas['BookingTypeIn']
export type Question = Schemas['Question']
export type Override = Schemas['Override']
export type OverrideInput = Schemas['OverrideIn']
export type Booking = Schemas['Booking']
export type Slot = Schemas['Slot']
export type CalendarMember = { id: number; name: string | null }

export const calendarsKey = (ws: number) => ['ws', ws, 'calendars'] as const
/** Every booking list (the week, the list, a card's panel) refreshes after any booking changes. */
export const bookingsKey = (ws: number) => ['ws', ws, 'bookings'] as const
const typesKey = (ws: number, calendarId: number) => [...calendarsKey(ws), 'one', calendarId, 'types'] as const
const overridesKey = (ws: number, calendarId: number) => [...calendarsKey(ws), 'one', calendarId, 'overrides'] as const

const ok = Number.isFinite

// ---- calendars ------------------------------------------------------------------------------

export type CalendarQuery = { q?: string; sort?: string; page?: number; page_size?: number }

export function useCalendars(ws: number, query: CalendarQuery = { page_size: 200, sort: 'name' }) {
  return useListQuery(
    calendarsKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/calendars', { params: { path: { ws }, query: q } }),
    { enabled: ok(ws) },
  )
}

export function useCalendar(ws: number, calendarId: number) {
  return useDetailQuery(calendarsKey(ws), calendarId, () =>
    api.GET('/api/v1/workspaces/{ws}/calendars/{calendar_id}', { params: { path: { ws, calendar_id: calendarId } } }),
  )
}

export function useCreateCalendar(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CalendarInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/calendars', { params: { path: { ws } }, body, headers: { 'Idempotency-Key': idempotencyKey } }),
    invalidates: [calendarsKey(ws)],
  })
}

/** Saves the editor's fields, or `{renew_feed: true}` for a new private feed address. */
export function useUpdateCalendar(ws: number, calendarId: number) {
  return useApiMutation({
    mutationFn: (body: CalendarPatch) =>
      api.PATCH('/api/v1/workspaces/{ws}/calendars/{calendar_id}', { params: { path: { ws, calendar_id: calendarId } }, body }),
    onSuccess: (saved, _body, client) => client.setQueryData(detailKey(calendarsKey(ws), calendarId), saved),
    invalidates: [calendarsKey(ws)],
  })
}

export function useDeleteCalendar(ws: number) {
  return useApiMutation({
    mutationFn: (calendarId: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/calendars/{calendar_id}', { params: { path: { ws, calendar_id: calendarId } } }),
    invalidates: [calendarsKey(ws)],
  })
}

// ---- booking types --------------------------------------------------------------------------

export function useBookingTypes(ws: number, calendarId: number | undefined) {
  return useQuery({
    queryKey: typesKey(ws, calendarId ?? 0),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/calendars/{calendar_id}/booking-types', { params: { path: { ws, calendar_id: calendarId! } } }))
        .data!,
    enabled: ok(ws) && calendarId !== undefined && ok(calendarId),
  })
}

type TypeChange = { id?: number; body: BookingTypeInput; idempotencyKey: string }

/** Adds a booking type (no id) or saves one (id). */
export function useSaveBookingType(ws: number, calendarId: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: TypeChange) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/calendars/{calendar_id}/booking-types', {
            params: { path: { ws, calendar_id: calendarId } },
            body,
            headers: { 'Idempotency-Key': idempotencyKey },
          })
        : api.PATCH('/api/v1/workspaces/{ws}/calendars/{calendar_id}/booking-types/{type_id}', {
            params: { path: { ws, calendar_id: calendarId, type_id: id } },
            body,
          }),
    invalidates: [typesKey(ws, calendarId)],
  })
}

export function useDeleteBookingType(ws: number, calendarId: number) {
  return useApiMutation({
    mutationFn: (typeId: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/calendars/{calendar_id}/booking-types/{type_id}', {
        params: { path: { ws, calendar_id: calendarId, type_id: typeId } },
      }),
    invalidates: [typesKey(ws, calendarId)],
  })
}

// ---- date overrides -------------------------------------------------------------------------

export function useOverrides(ws: number, calendarId: number) {
  return useQuery({
    queryKey: overridesKey(ws, calendarId),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/calendars/{calendar_id}/overrides', { params: { path: { ws, calendar_id: calendarId } } })).data!,
    enabled: ok(ws) && ok(calendarId),
  })
}

export function useSetOverride(ws: number, calendarId: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: OverrideInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/calendars/{calendar_id}/overrides', {
        params: { path: { ws, calendar_id: calendarId } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [overridesKey(ws, calendarId)],
  })
}

/** Deletes the dates of one row of the list (a run of days is one row, one date each). */
export function useDeleteOverrides(ws: number, calendarId: number) {
  return useApiMutation({
    mutationFn: async (ids: number[]) => {
      for (const id of ids) {
        await api.DELETE('/api/v1/workspaces/{ws}/calendars/{calendar_id}/overrides/{override_id}', {
          params: { path: { ws, calendar_id: calendarId, override_id: id } },
        })
      }
      return { data: undefined }
    },
    invalidates: [overridesKey(ws, calendarId)],
  })
}

// ---- bookings -------------------------------------------------------------------------------

export type BookingQuery = {
  from?: string
  to?: string
  calendar_id?: number
  user_id?: string
  contact_id?: number
  status?: 'confirmed' | 'cancelled'
  q?: string
  sort?: string
  page?: number
  page_size?: number
}

export function useBookings(ws: number, query: BookingQuery) {
  return useListQuery(
    bookingsKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/bookings', { params: { path: { ws }, query: q } }),
    { enabled: ok(ws) },
  )
}

export function useContactBookings(ws: number, contactId: number, query: BookingQuery) {
  return useListQuery(
    [...bookingsKey(ws), 'contact', contactId],
    query,
    (q) =>
      api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/bookings', { params: { path: { ws, contact_id: contactId }, query: q } }),
    { enabled: ok(ws) && ok(contactId) },
  )
}

export function useBooking(ws: number, bookingId: number | undefined) {
  return useDetailQuery(
    bookingsKey(ws),
    bookingId ?? NaN,
    () => api.GET('/api/v1/workspaces/{ws}/bookings/{booking_id}', { params: { path: { ws, booking_id: bookingId! } } }),
    { enabled: bookingId !== undefined },
  )
}

/** A day's ('2026-03-02') free slots of a booking type, written in `tz`; `ignore_booking`'s own time counts as free. */
export function useDaySlots(ws: number, calendarId: number, query: { type: string | undefined; day: string; tz: string; ignore_booking: number }) {
  const { type, day, tz, ignore_booking } = query
  return useQuery({
    queryKey: [...calendarsKey(ws), 'one', calendarId, 'slots', query],
    queryFn: async () =>
      (
        await api.GET('/api/v1/workspaces/{ws}/calendars/{calendar_id}/slots', {
          params: { path: { ws, calendar_id: calendarId }, query: { type: type!, from: day, to: day, tz, ignore_booking } },
        })
      ).data!.slots,
    enabled: ok(ws) && ok(calendarId) && !!type && /^\d{4}-\d{2}-\d{2}$/.test(day),
  })
}

export type BookingChange = { status: 'cancelled'; reason: string | null } | { start: string }

/** Cancels a booking or moves it to another free slot (a 409 carries the free `slots`). */
export function useChangeBooking(ws: number, booking: Pick<Booking, 'id' | 'contact_id'>) {
  return useApiMutation({
    mutationFn: (body: BookingChange) =>
      api.PATCH('/api/v1/workspaces/{ws}/bookings/{booking_id}', { params: { path: { ws, booking_id: booking.id } }, body }),
    invalidates: [bookingsKey(ws), calendarsKey(ws), ...(booking.contact_id ? [activitiesKey(ws, booking.contact_id)] : [])],
  })
}

/** True when the API's error names one of `fields` (or a part of one, like weekly_hours.2.end): the form shows it there. */
export function errorOnFields(error: unknown, fields: string[]): boolean {
  if (!isApiError(error)) return false
  return Object.keys(error.errors).some((key) => fields.some((f) => key === f || key.startsWith(`${f}.`)))
}
