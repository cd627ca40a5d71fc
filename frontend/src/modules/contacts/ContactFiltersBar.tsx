import { Grid, Select, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { EMAIL_STATUS_OPTIONS, type EmailStatus } from '../hygiene/types'
import type { ContactClass } from '../settings/classes/types'
import type { Tag } from './types'

const SORT_OPTIONS = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-updated_at', label: 'Recently updated' },
  { value: 'last_name', label: 'Last name A–Z' },
  { value: '-last_name', label: 'Last name Z–A' },
  { value: 'first_name', label: 'First name A–Z' },
  { value: 'email', label: 'Email A–Z' },
  { value: 'company', label: 'Company A–Z' },
]

type Props = {
  q: string
  tag?: string
  classId?: number
  emailStatus?: EmailStatus
  sort: string
  tags: Tag[]
  classes: ContactClass[]
  onChange: (patch: { q?: string; tag?: string | null; contact_class_id?: number | null; email_status?: EmailStatus | null; sort?: string }) => void
}

export function ContactFiltersBar({ q, tag, classId, emailStatus, sort, tags, classes, onChange }: Props) {
  const [search, setSearch] = useState(q)
  const [debounced] = useDebouncedValue(search, 300)
  useEffect(() => {
    if (debounced.trim() !== q) onChange({ q: debounced.trim() })
  }, [debounced]) // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => setSearch((s) => (s.trim() === q ? s : q)), [q])

  const tagOptions = tags.map((t) => t.name)
  if (tag && !tagOptions.includes(tag)) tagOptions.unshift(tag)

  return (
    <Grid gap="sm" mb="md" align="flex-end">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput
          aria-label="Search contacts"
          placeholder="Search name, email, phone, company"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          maxLength={200}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <Select
          aria-label="Filter by tag"
          placeholder="Any tag"
          data={tagOptions}
          value={tag ?? null}
          onChange={(v) => onChange({ tag: v })}
          searchable
          clearable
          nothingFoundMessage="No tags"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <Select
          aria-label="Filter by class"
          placeholder="Any class"
          data={classes.map((c) => ({ value: String(c.id), label: c.name }))}
          value={classId != null ? String(classId) : null}
          onChange={(v) => onChange({ contact_class_id: v ? Number(v) : null })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <Select
          aria-label="Filter by email status"
          placeholder="Any email status"
          data={EMAIL_STATUS_OPTIONS}
          value={emailStatus ?? null}
          onChange={(v) => onChange({ email_status: (v as EmailStatus | null) ?? null })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <Select
          aria-label="Sort by"
          data={SORT_OPTIONS.some((o) => o.value === sort) ? SORT_OPTIONS : [...SORT_OPTIONS, { value: sort, label: sort }]}
          value={sort}
          onChange={(v) => v && onChange({ sort: v })}
          allowDeselect={false}
        />
      </Grid.Col>
    </Grid>
  )
}
