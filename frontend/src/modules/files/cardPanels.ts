import { registerCardPanel } from '../contacts/cardPanels'

registerCardPanel({
  id: 'files',
  title: 'Files',
  order: 50,
  column: 'side',
  load: () => import('./FilesPanel').then((m) => m.FilesPanel),
})
