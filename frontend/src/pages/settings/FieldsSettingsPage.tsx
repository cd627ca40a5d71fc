import { FieldsPanel } from '../../modules/settings/fields/FieldsPanel'

export function FieldsSettingsPage() {
  return <FieldsPanel />
}
