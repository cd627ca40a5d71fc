import { MembersPanel } from '../../modules/settings/members/MembersPanel'

export function MembersSettingsPage() {
  return <MembersPanel />
}
