import { useParams } from 'react-router'
import { AgencyView } from '../modules/agency/AgencyView'
import { NotFoundPage } from './NotFoundPage'

export function AgencyPage() {
  const id = Number(useParams().agencyId)
  return Number.isInteger(id) && id > 0 ? <AgencyView agencyId={id} /> : <NotFoundPage />
}
