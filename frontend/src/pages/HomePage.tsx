import { FirstWorkspaceRedirect } from '../modules/workspaces/FirstWorkspaceRedirect'

export function HomePage() {
  return <FirstWorkspaceRedirect />
}
