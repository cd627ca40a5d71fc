import { ContactsView } from '../modules/contacts/ContactsView'

export function ContactsPage() {
  return <ContactsView />
}
