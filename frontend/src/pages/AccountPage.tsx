import { AccountSettings } from '../modules/account/AccountSettings'

export function AccountPage() {
  return <AccountSettings />
}
