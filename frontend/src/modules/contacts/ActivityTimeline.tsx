import { Center, Loader, Text, Timeline } from '@mantine/core'
import { IconEdit, IconPlus, IconTag, IconTrash, IconPoint } from '@tabler/icons-react'
import { ErrorAlert, formatDateTime } from '../../ui'
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

/** A short human summary of an activity's data. */
export function activityDetail(data: Activity['data']): string | null {
  if (!data || typeof data !== 'object') return null
  const parts: string[] = []
  for (const [k, v] of Object.entries(data)) {
    if (v == null) continue
    if (k === 'changes' && typeof v === 'object' && !Array.isArray(v)) {
      parts.push(`changed ${Object.keys(v as object).join(', ')}`)
    } else if (Array.isArray(v)) {
      parts.push(`${k.replace(/_/g, ' ')}: ${v.join(', ')}`)
    } else if (typeof v === 'object') {
      parts.push(`${k.replace(/_/g, ' ')}: ${Object.keys(v as object).join(', ')}`)
    } else {
      parts.push(`${k.replace(/_/g, ' ')}: ${String(v)}`)
    }
  }
  return parts.length ? parts.join(' · ') : null
}

export function ActivityTimeline({ ws, contactId }: { ws: number; contactId: number }) {
  const activities = useActivities(ws, contactId)
  if (activities.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading activity" />
      </Center>
    )
  }
  if (activities.error) return <ErrorAlert error={activities.error} />
  const items = activities.data?.items ?? []
  if (!items.length) return <Text size="sm" c="dimmed">No activity yet.</Text>
  return (
    <Timeline bulletSize={22} lineWidth={2} active={items.length} aria-label="Activity timeline">
      {items.map((a) => {
        const detail = activityDetail(a.data)
        return (
          <Timeline.Item key={a.id} bullet={icon(a.kind)} title={activityTitle(a.kind)}>
            {detail ? (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {detail}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed" mt={2}>
              {a.actor_name ? `${a.actor_name} · ` : ''}
              {formatDateTime(a.created_at)}
            </Text>
          </Timeline.Item>
        )
      })}
    </Timeline>
  )
}
