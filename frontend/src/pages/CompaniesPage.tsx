import { CompaniesView } from '../modules/companies/CompaniesView'

export function CompaniesPage() {
  return <CompaniesView />
}
