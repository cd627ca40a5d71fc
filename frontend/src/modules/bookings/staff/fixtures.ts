import type { Schemas } from '../../../api/types'
import type { Booking, BookingType, Calendar } from './hooks'

/* Typed API answers for this module's tests (a fixture the API would not send fails tsc). */

export const calendar = (overrides: Partial<Calendar> = {}): Calendar => ({
  id: 5,
  name: 'Konsultacje Żółwia',
  slug: 'konsultacje',
  description: null,
  user_id: 1,
  team_user_ids: [],
  members: [{ id: 1, name: 'Ann Admin' }],
  time_zone: 'Europe/Warsaw',
  weekly_hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  consent_text: 'Zgadzam się na przetwarzanie danych.',
  active: true,
  public_url: 'http://app.example/book/acme/konsultacje',
  feed_url: 'http://app.example/api/v1/public/calendar-feeds/t0k3n/calendar.ics',
  upcoming: 2,
  created_at: '2026-03-01T10:00:00Z',
  updated_at: '2026-03-01T10:00:00Z',
  ...overrides,
})

export const bookingType = (overrides: Partial<BookingType> = {}): BookingType => ({
  id: 9,
  calendar_id: 5,
  name: 'Rozmowa wstępna',
  slug: 'rozmowa-wstepna',
  description: null,
  location: 'Google Meet',
  duration_minutes: 30,
  buffer_before: 0,
  buffer_after: 10,
  min_notice_minutes: 60,
  max_days_ahead: 60,
  max_per_day: null,
  questions: [{ key: 'topic', label: 'O czym chcesz porozmawiać?', required: true, multiline: true }],
  position: 0,
  ...overrides,
})

export const booking = (overrides: Partial<Booking> = {}): Booking => ({
  id: 1,
  status: 'confirmed',
  start: '2099-03-02T09:00:00Z',
  end: '2099-03-02T09:30:00Z',
  calendar_id: 5,
  calendar_name: 'Konsultacje Żółwia',
  booking_type_id: 9,
  booking_type_name: 'Rozmowa wstępna',
  user_id: 1,
  user_name: 'Ann Admin',
  contact_id: 3,
  name: 'Ewa Żółkiewska',
  email: 'ewa@example.com',
  time_zone: 'Europe/Warsaw',
  answers: { topic: 'O żółwiach' },
  location: 'Google Meet',
  consent_text: 'Zgadzam się na przetwarzanie danych.',
  consented_at: '2026-03-01T10:00:00Z',
  source: 'public',
  sequence: 0,
  cancelled_at: null,
  cancelled_by: null,
  cancel_reason: null,
  created_at: '2026-03-01T10:00:00Z',
  ...overrides,
})

export const member = (overrides: Partial<Schemas['Member']> = {}): Schemas['Member'] => ({
  user_id: 1,
  name: 'Ann Admin',
  email: 'ann@example.com',
  role: 'admin',
  status: 'active',
  all_contacts: true,
  contact_class_ids: [],
  invitation_failed: false,
  powers: [],
  via_agency: false,
  ...overrides,
})
