import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'score',
  title: 'Score',
  order: 7,
  column: 'side',
  h: 13,
  load: () => import('./ScorePanel').then((m) => m.ScorePanel),
})
