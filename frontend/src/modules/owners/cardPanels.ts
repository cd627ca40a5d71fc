import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'owners',
  title: 'Owners',
  order: 5,
  column: 'side',
  h: 6,
  load: () => import('./OwnersPanel').then((m) => m.OwnersPanel),
})
