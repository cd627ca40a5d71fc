import { Avatar, Button, Group, MultiSelect, Stack, Text, Tooltip } from '@mantine/core'
import { useState } from 'react'
import { ErrorAlert } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useMemberOptions, useOwners, useSetOwners, type Owner } from './hooks'

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
  return letters.join('') || '?'
}

/** One owner: initials and name, the address on hover. */
export function OwnerChip({ owner }: { owner: Owner }) {
  return (
    <Tooltip label={owner.email}>
      <Group gap={6} wrap="nowrap" px={6} py={2} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 999, maxWidth: '100%' }}>
        <Avatar size={22} radius="xl" color="initials" name={owner.name}>
          {initials(owner.name)}
        </Avatar>
        <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {owner.name}
        </Text>
      </Group>
    </Tooltip>
  )
}

/** Who is responsible for the contact: chips, and a multi-select of members to change them. */
export function OwnersPanel({ contactId, workspaceId: ws, canEdit }: CardPanelProps) {
  const owners = useOwners(ws, contactId)
  const save = useSetOwners(ws, contactId)
  const members = useMemberOptions(ws)
  const [chosen, setChosen] = useState<string[] | null>(null)
  const items = owners.data?.items ?? []

  const startEditing = () => {
    save.reset()
    setChosen(items.map((o) => String(o.user_id)))
  }
  // Owners who are no longer members stay choosable (and removable).
  const options = [
    ...members.options,
    ...items.filter((o) => !members.options.some((m) => m.value === String(o.user_id))).map((o) => ({ value: String(o.user_id), label: o.name })),
  ]

  if (chosen !== null) {
    return (
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          if (save.isPending) return
          save.mutate(chosen.map(Number), { onSuccess: () => setChosen(null) })
        }}
      >
        <Stack gap="xs">
          <MultiSelect
            label="Responsible members"
            placeholder={chosen.length ? undefined : 'Choose members'}
            data={options}
            value={chosen}
            onChange={setChosen}
            searchable
            clearable
            nothingFoundMessage="No such member"
            error={save.fieldError('user_ids') ?? (members.error ? 'The members could not be loaded.' : undefined)}
            comboboxProps={{ withinPortal: true }}
          />
          <ErrorAlert error={save.error && !save.fieldError('user_ids') ? save.error : null} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setChosen(null)}>
              Cancel
            </Button>
            <Button type="submit" size="xs" loading={save.isPending}>
              Save owners
            </Button>
          </Group>
        </Stack>
      </form>
    )
  }

  return (
    <Stack gap="sm">
      <ErrorAlert error={owners.error} />
      {owners.isPending ? (
        <Text size="sm" c="dimmed">
          Loading owners…
        </Text>
      ) : null}
      {owners.isSuccess && !items.length ? (
        <Text size="sm" c="dimmed">
          No owner yet.
        </Text>
      ) : null}
      {items.length ? (
        <Group gap={6} wrap="wrap" aria-label="Owners" role="list">
          {items.map((o) => (
            <div role="listitem" key={o.user_id} style={{ maxWidth: '100%' }}>
              <OwnerChip owner={o} />
            </div>
          ))}
        </Group>
      ) : null}
      {canEdit && owners.isSuccess ? (
        <Group>
          <Button size="xs" variant="light" onClick={startEditing}>
            Change owners
          </Button>
        </Group>
      ) : null}
    </Stack>
  )
}
