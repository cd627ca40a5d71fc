import { Anchor, Center, Loader, Stack, Text } from '@mantine/core'
import { Link } from 'react-router'
import { EmptyState, ErrorAlert, formatDate, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { contactName } from '../contacts/types'
import { EmailStatusBadge } from '../hygiene/EmailStatusBadge'
import type { PreviewContact } from './hooks'

type Props = {
  ws: number
  data: { items: PreviewContact[]; total: number; page: number; page_size: number } | undefined
  loading: boolean
  stale: boolean
  error: unknown
  onPageChange: (page: number) => void
}

const WRAP = { overflowWrap: 'anywhere' } as const

/** A page of the contacts the rules match, each opening its card. */
export function SegmentPreview({ ws, data, loading, stale, error, onPageChange }: Props) {
  if (error) return <ErrorAlert error={error} />
  if (!data) {
    return loading ? (
      <Center py="lg">
        <Loader aria-label="Loading the preview" />
      </Center>
    ) : null
  }
  const columns: Column<PreviewContact>[] = [
    {
      key: 'name',
      label: 'Contact',
      primary: true,
      render: (c) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/w/${ws}/contacts/${c.id}`} fw={600} size="sm" style={WRAP}>
            {contactName({ ...c, phone: null })}
          </Anchor>
          {c.email && (c.first_name || c.last_name) ? (
            <Text size="xs" c="dimmed" style={WRAP}>
              {c.email}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'company', label: 'Company', render: (c) => <Text size="sm" style={WRAP}>{c.company || '—'}</Text> },
    { key: 'status', label: 'Email status', width: 140, render: (c) => <EmailStatusBadge status={c.email_status} /> },
    { key: 'score', label: 'Score', width: 80, render: (c) => <Text size="sm">{c.score}</Text> },
    { key: 'created', label: 'Created', width: 130, render: (c) => <Text size="sm">{formatDate(c.created_at)}</Text> },
  ]
  if (!data.items.length && data.page === 1) {
    return <EmptyState title="No contact matches" description="Loosen a rule, or switch a group to “any”." />
  }
  return (
    <div style={{ opacity: stale ? 0.6 : 1 }}>
      <ResponsiveTable caption="Matching contacts" columns={columns} rows={data.items} rowKey={(c) => c.id} />
      <PaginationBar page={data.page} pageSize={data.page_size} total={data.total} noun={data.total === 1 ? 'contact' : 'contacts'} onPageChange={onPageChange} />
    </div>
  )
}
