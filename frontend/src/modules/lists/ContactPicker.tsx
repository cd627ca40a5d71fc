import { Group, Loader, Select, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useContacts } from '../contacts/hooks'
import { contactName, type Contact } from '../contacts/types'

type Props = {
  ws: number
  value: Contact | null
  onChange: (contact: Contact | null) => void
  label?: string
  error?: string
}

const SHOWN = 20

/** A contact chosen by searching the contacts (name, email, phone, company) on the server. */
export function ContactPicker({ ws, value, onChange, label = 'Contact', error }: Props) {
  const [search, setSearch] = useState('')
  const [term] = useDebouncedValue(search.trim(), 250)
  const typing = !!value && search === contactName(value) ? '' : term
  const [opened, setOpened] = useState(false)
  const contacts = useContacts(ws, { q: typing || undefined, page_size: SHOWN })
  const found = contacts.data?.items ?? []
  const byId = new Map(found.map((c) => [String(c.id), c]))
  if (value) byId.set(String(value.id), value)
  const options = [...byId.values()].map((c) => ({ value: String(c.id), label: contactName(c) }))
  const busy = opened && contacts.isFetching
  return (
    <Select
      label={label}
      placeholder="Search by name, email, phone or company"
      data={options}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(v ? (byId.get(v) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server searched already: show its answer as it is.
      filter={({ options: all }) => all}
      renderOption={({ option }) => {
        const c = byId.get(option.value)
        return (
          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {option.label}
            </Text>
            {c?.email && c.email !== option.label ? (
              <Text size="xs" c="dimmed" truncate="end" maw="50%">
                {c.email}
              </Text>
            ) : null}
          </Group>
        )
      }}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      nothingFoundMessage={contacts.isFetching ? 'Searching…' : 'No contact found'}
      rightSection={busy ? <Loader size={14} aria-label="Searching contacts" /> : undefined}
      clearable
      error={error}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      data-autofocus
    />
  )
}
