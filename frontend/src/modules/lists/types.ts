import type { Schemas } from '../../api/types'

export type MailingList = Schemas['List']
export type ListInput = Schemas['ListIn']
export type ListPatch = Schemas['ListPatch']
export type StatusCounts = Schemas['StatusCounts']
export type Subscriber = Schemas['Subscriber']
export type SubscriptionInput = Schemas['SubscriptionIn']
export type ContactSubscriptions = Schemas['ContactSubscriptions']
export type ContactSubscription = Schemas['ContactSubscription']
export type SubscriptionEvent = Schemas['SubscriptionEvent']
export type Preferences = Schemas['Preferences']

/** A subscription's status (the API's STATUSES), in the order they are shown. */
export const SUBSCRIPTION_STATUSES = ['subscribed', 'unconfirmed', 'unsubscribed', 'bounced', 'complained'] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

export function isSubscriptionStatus(value: unknown): value is SubscriptionStatus {
  return typeof value === 'string' && (SUBSCRIPTION_STATUSES as readonly string[]).includes(value)
}

type StatusMeta = { label: string; color: string; hint: string }

export const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, StatusMeta> = {
  subscribed: { label: 'Subscribed', color: 'teal', hint: 'Receives the list’s mail.' },
  unconfirmed: { label: 'Waiting for confirmation', color: 'yellow', hint: 'Was sent a confirmation link and has not clicked it yet.' },
  unsubscribed: { label: 'Unsubscribed', color: 'gray', hint: 'Left the list (only they can subscribe again).' },
  bounced: { label: 'Bounced', color: 'orange', hint: 'Mail to the address could not be delivered.' },
  complained: { label: 'Complained', color: 'red', hint: 'Marked the list’s mail as spam (only they can subscribe again).' },
}

export function subscriptionStatusMeta(status: string | null | undefined): StatusMeta {
  if (!status) return { label: 'Not subscribed', color: 'gray', hint: '' }
  return isSubscriptionStatus(status) ? SUBSCRIPTION_STATUS[status] : { label: status, color: 'gray', hint: '' }
}

export const SUBSCRIPTION_STATUS_OPTIONS = SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: SUBSCRIPTION_STATUS[s].label }))

export type StaffStatus = 'subscribed' | 'unconfirmed' | 'unsubscribed'

/** What staff may set by hand (bounced and complained come from the mail system). On a double
 * opt-in list "unconfirmed" mails the person a confirmation link. */
export function staffStatusOptions(doubleOptIn: boolean): { value: StaffStatus; label: string }[] {
  return [
    { value: 'subscribed', label: 'Subscribed' },
    { value: 'unconfirmed', label: doubleOptIn ? 'Ask to confirm (mails a link)' : 'Waiting for confirmation' },
    { value: 'unsubscribed', label: 'Unsubscribed' },
  ]
}

export const n = (v: number) => v.toLocaleString('en-US')

export function subscriberName(s: Pick<Subscriber, 'first_name' | 'last_name' | 'email'>): string {
  return [s.first_name, s.last_name].filter(Boolean).join(' ').trim() || s.email || 'Unnamed contact'
}
