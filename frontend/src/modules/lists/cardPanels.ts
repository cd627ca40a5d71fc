import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'subscriptions',
  title: 'Subscriptions',
  order: 35,
  column: 'side',
  load: () => import('./SubscriptionsPanel').then((m) => m.SubscriptionsPanel),
})
