import { useWorkspaceId } from '../workspaces/hooks'
import { HygieneView } from './HygieneView'

/** /w/:ws/hygiene */
export function HygienePage() {
  return <HygieneView ws={useWorkspaceId()} />
}
