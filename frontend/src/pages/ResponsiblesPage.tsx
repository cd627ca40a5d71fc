import { ResponsiblesView } from '../modules/owners/ResponsiblesView'
import { useWorkspaceId } from '../modules/workspaces/hooks'

export function ResponsiblesPage() {
  return <ResponsiblesView ws={useWorkspaceId()} />
}
