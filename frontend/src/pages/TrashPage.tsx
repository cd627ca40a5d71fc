import { TrashView } from '../modules/trash/TrashView'
import { useWorkspaceId } from '../modules/workspaces/hooks'

export function TrashPage() {
  return <TrashView ws={useWorkspaceId()} />
}
