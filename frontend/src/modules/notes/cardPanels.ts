import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'notes',
  title: 'Notes',
  order: 10,
  column: 'main',
  load: () => import('./NotesPanel').then((m) => m.NotesPanel),
})
