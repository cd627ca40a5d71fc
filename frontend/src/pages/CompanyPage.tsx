import { CompanyCard } from '../modules/companies/CompanyCard'

export function CompanyPage() {
  return <CompanyCard />
}
