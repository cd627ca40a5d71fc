import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'consents',
  title: 'Consents',
  order: 30,
  column: 'side',
  load: () => import('./ConsentsPanel').then((m) => m.ConsentsPanel),
})
