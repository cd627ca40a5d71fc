import { useParams } from 'react-router'
import { useWorkspaceId } from '../workspaces/hooks'
import { HygieneRunView } from './RunReport'

/** /w/:ws/hygiene/:runId */
export function HygieneRunPage() {
  return <HygieneRunView ws={useWorkspaceId()} runId={Number(useParams().runId)} />
}
