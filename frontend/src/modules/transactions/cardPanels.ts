import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'transactions',
  title: 'Transactions',
  order: 40,
  column: 'main',
  load: () => import('./TransactionsPanel').then((m) => m.TransactionsPanel),
})
