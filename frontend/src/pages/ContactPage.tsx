import { ContactCard } from '../modules/contacts/ContactCard'
import '../modules/contacts/panels'
import '../modules/notes/cardPanels'
import '../modules/tasks/cardPanels'
import '../modules/owners/cardPanels'
import '../modules/consents/cardPanels'
import '../modules/transactions/cardPanels'
import '../modules/files/cardPanels'
import '../modules/scoring/cardPanels'
import '../modules/gdpr/cardPanels'
import '../modules/lists/cardPanels'
import '../modules/campaigns/cardPanels'
import '../modules/bookings/staff/cardPanels'
// Modules that add panels to the card register them here, one import each (see
// modules/contacts/cardPanels.ts), e.g. import '../modules/notes/cardPanels'

export function ContactPage() {
  return <ContactCard />
}
