import { registerCardPanel } from './cardPanels'

// The contacts module's own panels besides the timeline (registered in cardPanels.ts).
registerCardPanel({ id: 'about', title: 'About', order: 5, column: 'side', h: 7, load: () => import('./AboutPanel').then((m) => m.AboutPanel) })
registerCardPanel({ id: 'tags', title: 'Tags', order: 6, column: 'side', h: 7, load: () => import('./TagsPanel').then((m) => m.TagsPanel) })
registerCardPanel({
  id: 'activity-patterns',
  title: 'Activity patterns',
  order: 110,
  column: 'main',
  load: () => import('./ActivityPatterns').then((m) => m.ActivityPatterns),
})
