import { ClassesPanel } from '../../modules/settings/classes/ClassesPanel'

export function ClassesSettingsPage() {
  return <ClassesPanel />
}
