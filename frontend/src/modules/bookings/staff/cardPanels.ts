import { registerCardPanel } from '../../contacts/cardPanels'

registerCardPanel({
  id: 'bookings',
  title: 'Bookings',
  order: 25,
  column: 'side',
  load: () => import('./BookingsPanel').then((m) => m.BookingsPanel),
})
