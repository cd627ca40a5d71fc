import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'privacy',
  title: 'Privacy',
  order: 90,
  column: 'side',
  h: 7,
  load: () => import('./PrivacyPanel').then((m) => m.PrivacyPanel),
})
