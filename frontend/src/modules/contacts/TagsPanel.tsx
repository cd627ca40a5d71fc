import { Autocomplete, Badge, Button, CloseButton, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import { IconClockHour4 } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorAlert, formatDateTime, useSubmitOnce } from '../../ui'
import type { CardPanelProps } from './cardPanels'
import { useAddContactTag, useContactTags, useRemoveContactTag, useTags } from './hooks'

const EXPIRY_CHOICES = [
  { value: '', label: 'Keep until removed' },
  { value: '7', label: 'For 7 days' },
  { value: '30', label: 'For 30 days' },
  { value: '90', label: 'For 90 days' },
  { value: 'custom', label: 'Until a date…' },
]

/** The ISO instant a choice means, or null (no expiry); `local` is a datetime-local value. */
export function expiryFrom(choice: string, local: string, now = new Date()): string | null {
  if (!choice) return null
  if (choice === 'custom') return local ? new Date(local).toISOString() : null
  return new Date(now.getTime() + Number(choice) * 86_400_000).toISOString()
}

/** The card's tags: each with its expiry, added for good or for a while, removed with one click. */
export function TagsPanel({ workspaceId: ws, contactId, canEdit }: CardPanelProps) {
  const tags = useContactTags(ws, contactId)
  const known = useTags(ws)
  const add = useAddContactTag(ws, contactId)
  const remove = useRemoveContactTag(ws, contactId)
  const { submit, pending } = useSubmitOnce()
  const [name, setName] = useState('')
  const [choice, setChoice] = useState('')
  const [until, setUntil] = useState('')

  const save = (e: React.FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return
    void submit(async () => {
      await add.mutateAsync({ name: name.trim(), expires_at: expiryFrom(choice, until) })
      setName('')
    }).catch(() => undefined)
  }

  if (tags.isPending) return <Text size="sm" c="dimmed">Loading tags…</Text>
  if (tags.error) return <ErrorAlert error={tags.error} />
  const items = tags.data?.items ?? []
  return (
    <Stack gap="sm">
      {items.length ? (
        <Group gap={6}>
          {items.map((t) => (
            <Badge
              key={t.id}
              color={t.color.startsWith('#') ? undefined : t.color}
              style={t.color.startsWith('#') ? { background: t.color } : undefined}
              variant="light"
              size="lg"
              tt="none"
              maw="100%"
              leftSection={
                t.expires_at ? (
                  <Tooltip label={`Comes off ${formatDateTime(t.expires_at)}`}>
                    <IconClockHour4 size={14} aria-label={`expires ${formatDateTime(t.expires_at)}`} />
                  </Tooltip>
                ) : undefined
              }
              rightSection={
                canEdit ? (
                  <CloseButton
                    size="xs"
                    aria-label={`Remove tag ${t.name}`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(t.id)}
                  />
                ) : undefined
              }
            >
              <span style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{t.name}</span>
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">No tags yet.</Text>
      )}
      <ErrorAlert error={remove.error} />
      {canEdit && (
        <form onSubmit={save} noValidate>
          <Stack gap={6}>
            <Stack gap={6}>
              <Autocomplete
                aria-label="Tag name"
                placeholder="Add a tag"
                data={(known.data?.items ?? []).map((t) => t.name)}
                value={name}
                onChange={setName}
                maxLength={100}
                error={add.fieldError('name')}
              />
              <Select
                aria-label="How long"
                data={EXPIRY_CHOICES}
                value={choice}
                onChange={(v) => setChoice(v ?? '')}
                allowDeselect={false}
              />
            </Stack>
            {choice === 'custom' && (
              <TextInput
                type="datetime-local"
                label="Comes off at"
                value={until}
                onChange={(e) => setUntil(e.currentTarget.value)}
                error={add.fieldError('expires_at')}
              />
            )}
            {choice !== 'custom' && add.fieldError('expires_at') && (
              <Text size="sm" c="red">{add.fieldError('expires_at')}</Text>
            )}
            <ErrorAlert error={add.error && !add.fieldError('name') && !add.fieldError('expires_at') ? add.error : null} />
            <Group>
              <Button type="submit" size="xs" loading={pending} disabled={!name.trim()}>
                Add tag
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  )
}
