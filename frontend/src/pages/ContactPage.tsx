import { ContactCard } from '../modules/contacts/ContactCard'
import '../modules/notes/cardPanels'
// Modules that add panels to the card register them here, one import each (see
// modules/contacts/cardPanels.ts), e.g. import '../modules/notes/cardPanels'

export function ContactPage() {
  return <ContactCard />
}
