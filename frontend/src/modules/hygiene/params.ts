import type { UrlParam } from '../../api/queries'
import { isEmailStatus, type EmailStatus } from './types'

/** A list filter by email status, kept in the URL as ?email_status= (any other value is
 * ignored, as if absent). */
export const emailStatusParam = (name = 'email_status'): UrlParam<EmailStatus> => ({
  name,
  read: (raw) => (isEmailStatus(raw) ? raw : undefined),
})
