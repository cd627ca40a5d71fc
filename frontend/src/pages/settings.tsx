import { ClassesPanel } from '../modules/settings/classes/ClassesPanel'
import { FieldsPanel } from '../modules/settings/fields/FieldsPanel'
import { MembersPanel } from '../modules/settings/members/MembersPanel'
import { TokensPanel } from '../modules/settings/tokens/TokensPanel'
import { WorkspaceSettingsForm } from '../modules/workspaces/WorkspaceSettingsForm'
import { PageHeader } from '../ui'

export function MembersSettingsPage() {
  return <MembersPanel />
}

export function ClassesSettingsPage() {
  return <ClassesPanel />
}

export function FieldsSettingsPage() {
  return <FieldsPanel />
}

export function TokensSettingsPage() {
  return <TokensPanel />
}

export function WorkspaceSettingsPage() {
  return (
    <>
      <PageHeader title="Workspace" description="Name and time zone of this workspace." />
      <WorkspaceSettingsForm />
    </>
  )
}
