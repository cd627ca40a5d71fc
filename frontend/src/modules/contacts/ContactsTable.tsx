import { Anchor, Badge, Checkbox, Group, Text } from '@mantine/core'
import { Link } from 'react-router'
import { ColorDot, formatDate, formatDateTime, ResponsiveTable, type Column } from '../../ui'

const LONG_TAG = 18 // characters: longer tag names may wrap
import { ListEmailStatus } from '../hygiene/EmailStatusBadge'
import type { ContactClass } from '../settings/classes/types'
import { contactName, type Contact } from './types'

type Props = {
  ws: number
  contacts: Contact[]
  classes: ContactClass[]
  sort: string
  onSortChange: (sort: string) => void
  /** Row checkboxes and a page checkbox (modules/selection); none when absent. */
  selection?: RowSelection
}

export type RowSelection = {
  isSelected: (id: number) => boolean
  /** Tick or untick contacts, named as the selection tray shows them. */
  onChange: (contacts: { id: number; name: string }[], selected: boolean) => void
  /** "All matching" is selected: every row shows ticked and cannot be unticked alone. */
  locked?: boolean
}

function selectColumn(contacts: Contact[], selection: RowSelection): Column<Contact> {
  const ticked = contacts.filter((c) => selection.isSelected(c.id)).length
  const all = contacts.length > 0 && ticked === contacts.length
  return {
    key: 'select',
    label: 'Select',
    primary: true,
    width: 40,
    header: (
      <Checkbox
        aria-label="Select all contacts on this page"
        label={<Text span size="sm" hiddenFrom="sm">Select this page</Text>}
        checked={all}
        indeterminate={ticked > 0 && !all}
        disabled={selection.locked}
        onChange={() => selection.onChange(contacts.map((c) => ({ id: c.id, name: contactName(c) })), !all)}
      />
    ),
    render: (c) => (
      <Checkbox
        aria-label={`Select ${contactName(c)}`}
        checked={selection.isSelected(c.id)}
        disabled={selection.locked}
        onChange={(e) => selection.onChange([{ id: c.id, name: contactName(c) }], e.currentTarget.checked)}
      />
    ),
  }
}

export function ContactsTable({ ws, contacts, classes, sort, onSortChange, selection }: Props) {
  const classById = new Map(classes.map((c) => [c.id, c]))
  const columns: Column<Contact>[] = [
    {
      key: 'name',
      label: 'Name',
      sortField: 'last_name',
      primary: true,
      render: (c) => (
        <Anchor
          component={Link}
          to={`/w/${ws}/contacts/${c.id}`}
          fw={600}
          title={contactName(c)}
          style={{ display: 'block', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          {contactName(c)}
        </Anchor>
      ),
    },
    {
      key: 'email',
      label: 'Email',
      sortField: 'email',
      render: (c) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" truncate="end" maw={190} title={c.email ?? undefined}>{c.email || '—'}</Text>
          {c.email ? <ListEmailStatus status={c.email_status} reason={c.email_status_reason} checkedAt={c.email_checked_at} /> : null}
        </Group>
      ),
    },
    { key: 'phone', label: 'Phone', render: (c) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{c.phone_display || c.phone || '—'}</Text> },
    { key: 'company', label: 'Company', sortField: 'company', render: (c) => <Text size="sm" lineClamp={2} maw={220} title={c.company ?? undefined} style={{ overflowWrap: 'anywhere' }}>{c.company || '—'}</Text> },
    {
      key: 'class',
      label: 'Class',
      render: (c) => {
        const cls = c.contact_class_id != null ? classById.get(c.contact_class_id) : undefined
        return cls ? (
          <Group gap={6} wrap="nowrap">
            <ColorDot color={cls.color} size={10} />
            <Text size="sm">{cls.name}</Text>
          </Group>
        ) : (
          '—'
        )
      },
    },
    {
      key: 'tags',
      label: 'Tags',
      width: 190,
      render: (c) =>
        c.tags.length ? (
          // min width: badges (overflow hidden) claim no room in the table by themselves
          <Group gap={4} wrap="wrap" miw={100}>
            {c.tags.slice(0, 2).map((t) => (
              // Whole tag names, never cut to "cus…" nor broken into "custome r": a usual tag
              // stays on one line; a long one wraps inside 160 px, so it cannot widen the table.
              <Badge
                key={t}
                size="sm"
                variant="light"
                radius="sm"
                tt="none"
                title={t}
                h="auto"
                maw={160}
                styles={{
                  label: {
                    whiteSpace: t.length > LONG_TAG ? 'normal' : 'nowrap',
                    overflowWrap: 'break-word',
                    textOverflow: 'clip',
                  },
                }}
              >
                {t}
              </Badge>
            ))}
            {c.tags.length > 2 ? <Text size="xs" c="dimmed">+{c.tags.length - 2}</Text> : null}
          </Group>
        ) : (
          '—'
        ),
    },
    { key: 'updated', label: 'Updated', sortField: 'updated_at', render: (c) => <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={formatDateTime(c.updated_at)}>{formatDate(c.updated_at)}</Text> },
  ]
  if (selection) columns.unshift(selectColumn(contacts, selection))
  return <ResponsiveTable caption="Contacts" columns={columns} rows={contacts} rowKey={(c) => c.id} sort={sort} onSortChange={onSortChange} />
}
