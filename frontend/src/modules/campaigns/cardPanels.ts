import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'communications',
  title: 'Communications',
  order: 45,
  column: 'main',
  load: () => import('./CommunicationsPanel').then((m) => m.CommunicationsPanel),
})
