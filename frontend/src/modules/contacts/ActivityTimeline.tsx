import { Button, Center, Loader, Select, Stack, Text, Timeline } from '@mantine/core'
import { useState } from 'react'
import { IconEdit, IconPlus, IconTag, IconTrash, IconPoint } from '@tabler/icons-react'
import { ErrorAlert, formatDateTime } from '../../ui'
import { useCustomFields } from '../settings/fields/hooks'
import { useContactClasses } from '../settings/classes/hooks'
import type { CardPanelProps } from './cardPanels'
import { useActivities } from './hooks'
import type { Activity } from './types'

function icon(kind: string) {
  if (/creat/.test(kind)) return <IconPlus size={12} />
  if (/tag/.test(kind)) return <IconTag size={12} />
  if (/delet|remov/.test(kind)) return <IconTrash size={12} />
  if (/updat|chang|edit/.test(kind)) return <IconEdit size={12} />
  return <IconPoint size={12} />
}

/** "contact.updated" → "Contact updated" */
export function activityTitle(kind: string): string {
  const t = kind.replace(/[._]/g, ' ').trim()
  return t.charAt(0).toUpperCase() + t.slice(1)
}

const LABELS: Record<string, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  time_zone: 'Time zone',
  contact_class_id: 'Class',
  next_action: 'Next action',
  follow_up_at: 'Follow up',
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function label(key: string): string {
  return LABELS[key] ?? key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase())
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '—'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (typeof v === 'object') return JSON.stringify(v)
  if (typeof v === 'string' && INSTANT.test(v)) return formatDateTime(v) // in the viewer's zone
  return String(v)
}

function isEmpty(v: unknown): boolean {
  return v == null || v === '' || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v as object).length)
}

/** Lines describing an activity's data, e.g. "Phone: — → +49 30 1", "Tags: +vip". */
export function activityDetail(
  data: Activity['data'] | null | undefined,
  classNames: Map<number, string> = new Map(),
  fieldLabels: Map<string, string> = new Map(),
): string[] {
  // Custom fields by their label; a field deleted since keeps its key.
  const fieldName = (key: string) => fieldLabels.get(key) ?? key
  if (!data || typeof data !== 'object') return []
  const lines: string[] = []
  for (const [k, v] of Object.entries(data)) {
    if (isEmpty(v)) continue
    if (k === 'changes' && typeof v === 'object' && !Array.isArray(v)) {
      for (const [field, pair] of Object.entries(v as Record<string, unknown>)) {
        const [from, to] = Array.isArray(pair) && pair.length === 2 ? pair : [undefined, pair]
        if (field === 'tags') {
          const removed = Array.isArray(from) ? from : []
          const added = Array.isArray(to) ? to : []
          lines.push(`Tags: ${[...added.map((t) => `+${t}`), ...removed.map((t) => `−${t}`)].join(' ')}`)
        } else if (field === 'custom' && (from === null || typeof from === 'object') && to && typeof to === 'object') {
          const a = (from ?? {}) as Record<string, unknown>
          const b = to as Record<string, unknown>
          for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
            if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) lines.push(`${fieldName(key)}: ${show(a[key])} → ${show(b[key])}`)
          }
        } else if (field === 'contact_class_id') {
          const name = (id: unknown) => (typeof id === 'number' ? (classNames.get(id) ?? `#${id}`) : show(id))
          lines.push(`Class: ${name(from)} → ${name(to)}`)
        } else {
          lines.push(`${label(field)}: ${show(from)} → ${show(to)}`)
        }
      }
    } else if (k === 'field_deleted' && typeof v === 'string') {
      lines.push(`Field deleted: ${fieldName(v)}`)
    } else if (v === true) {
      lines.push(label(k))
    } else {
      lines.push(`${label(k)}: ${show(v)}`)
    }
  }
  return lines
}

/** Kinds the filter offers, by what people look for (the API takes any kinds, comma-separated). */
export const TIMELINE_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'note_added,note_edited,note_pinned,note_unpinned,note_deleted', label: 'Notes' },
  { value: 'task_added,task_updated,task_done,task_reopened,task_deleted', label: 'Tasks' },
  { value: 'tag_added,tag_removed,tag_expired,tag_expiry_changed,tagged,untagged', label: 'Tags' },
  { value: 'page_visit,form_submitted,file_downloaded,custom_event', label: 'Website and events' },
  { value: 'transaction_added', label: 'Purchases' },
  { value: 'booking_made,booking_rescheduled,booking_cancelled', label: 'Bookings' },
  { value: 'consent_changed', label: 'Consents' },
  { value: 'file_added,file_deleted', label: 'Files' },
  { value: 'created,updated,deleted,restored,owners_changed,company_unlinked', label: 'Profile changes' },
]

/** The contact card's "Activity" panel: newest first, filtered by kind, older pages on demand. */
export function ActivityTimeline({ workspaceId: ws, contactId }: CardPanelProps) {
  const [type, setType] = useState('')
  const activities = useActivities(ws, contactId, type || undefined)
  const classes = useContactClasses(ws)
  const classNames = new Map((classes.data?.items ?? []).map((c) => [c.id, c.name]))
  const fields = useCustomFields(ws)
  const fieldLabels = new Map((fields.data?.items ?? []).map((f) => [f.key, f.label]))
  const items = activities.items
  let body
  if (activities.isPending) {
    body = (
      <Center py="md">
        <Loader size="sm" aria-label="Loading activity" />
      </Center>
    )
  } else if (activities.error && !items.length) {
    body = <ErrorAlert error={activities.error} />
  } else if (!items.length) {
    body = <Text size="sm" c="dimmed">{type ? 'Nothing of this kind yet.' : 'No activity yet.'}</Text>
  } else {
    body = (
      <>
        <Timeline bulletSize={22} lineWidth={2} active={items.length} aria-label="Activity timeline">
          {items.map((a) => {
            const detail = activityDetail(a.data, classNames, fieldLabels)
            return (
              <Timeline.Item key={a.id} bullet={icon(a.kind)} title={activityTitle(a.kind)}>
                {detail.map((line, i) => (
                  <Text key={i} size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {line}
                  </Text>
                ))}
                <Text size="xs" c="dimmed" mt={2}>
                  {a.actor_name ? `${a.actor_name} · ` : ''}
                  {formatDateTime(a.created_at)}
                </Text>
              </Timeline.Item>
            )
          })}
        </Timeline>
        {activities.error && <ErrorAlert error={activities.error} />}
        {activities.hasNextPage && (
          <Button variant="subtle" size="xs" mt="sm" loading={activities.isFetchingNextPage} onClick={() => activities.fetchNextPage()}>
            Show older
          </Button>
        )}
      </>
    )
  }
  return (
    <Stack gap="sm">
      <Select
        aria-label="Show activity of kind"
        size="xs"
        data={TIMELINE_FILTERS}
        value={type}
        onChange={(v) => setType(v ?? '')}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        maw={240}
      />
      {body}
    </Stack>
  )
}
