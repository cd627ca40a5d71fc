import { numberParam, textParam, useListParams } from '../../api/queries'
import { emailStatusParam } from '../hygiene/params'
import type { ContactFilters } from './types'

const FILTERS = {
  q: textParam('q', { typed: true }),
  tag: textParam('tag'),
  contact_class_id: numberParam('class'),
  email_status: emailStatusParam(),
}

/** Contact list state kept in the URL (?q=&tag=&class=&email_status=&sort=&page=&size=). */
export function useContactListParams() {
  return useListParams<Required<ContactFilters>>({ filters: FILTERS, sort: '-created_at' })
}
