import { ContactCard } from '../modules/contacts/ContactCard'

export function ContactPage() {
  return <ContactCard />
}
