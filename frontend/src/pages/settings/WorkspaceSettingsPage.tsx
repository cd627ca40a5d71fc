import { WorkspaceSettingsForm } from '../../modules/workspaces/WorkspaceSettingsForm'
import { PageHeader } from '../../ui'

export function WorkspaceSettingsPage() {
  return (
    <>
      <PageHeader title="Workspace" description="Name and time zone of this workspace." />
      <WorkspaceSettingsForm />
    </>
  )
}
