import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'tasks',
  title: 'Tasks',
  order: 20,
  column: 'main',
  load: () => import('./TasksPanel').then((m) => m.TasksPanel),
})
