import { TokensPanel } from '../../modules/settings/tokens/TokensPanel'

export function TokensSettingsPage() {
  return <TokensPanel />
}
