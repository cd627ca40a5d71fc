import type { UrlParam } from '../../api/queries'
import { isSubscriptionStatus, type SubscriptionStatus } from './types'

/** A yes/no list filter kept in the URL as ?<name>=true (anything else: absent). */
export const flagParam = (name: string): UrlParam<boolean> => ({
  name,
  read: (raw) => (raw === 'true' ? true : undefined),
})

/** A subscribers filter by status, kept in the URL as ?status= (another value: absent). */
export const subscriptionStatusParam = (name = 'status'): UrlParam<SubscriptionStatus> => ({
  name,
  read: (raw) => (isSubscriptionStatus(raw) ? raw : undefined),
})
