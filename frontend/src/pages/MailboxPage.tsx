import { MailboxView } from '../modules/mailbox/MailboxView'

export function MailboxPage() {
  return <MailboxView />
}
