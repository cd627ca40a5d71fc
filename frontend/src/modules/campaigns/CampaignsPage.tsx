import { Anchor, Button, Center, Group, Loader, Progress, Select, Stack, Text } from '@mantine/core'
import { IconPlus, IconSend } from '@tabler/icons-react'
import { Link } from 'react-router'
import { textParam, useListParams, type UrlParam } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDate, formatDateTime, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { SearchInput } from '../lists/SearchInput'
import { useCan, useCurrentWorkspace, useWorkspaceId } from '../workspaces/hooks'
import { useCampaigns } from './hooks'
import { CampaignStatusBadge } from './StatusBadge'
import { CAMPAIGN_STATUS_OPTIONS, isCampaignStatus, n, type Campaign, type CampaignStatus } from './types'

type Filters = { q: string; status: CampaignStatus }
const statusParam: UrlParam<CampaignStatus> = { name: 'status', read: (raw) => (isCampaignStatus(raw) ? raw : undefined) }
const FILTERS = { q: textParam('q', { typed: true }), status: statusParam }
const WRAP = { overflowWrap: 'anywhere' } as const

/** "1,200 of 2,000 sent", with a thin bar; "—" before it starts. */
function SentCell({ c }: { c: Campaign }) {
  if (c.recipients == null) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    )
  }
  const share = c.recipients ? (c.sent / c.recipients) * 100 : 0
  return (
    <Stack gap={4} maw={180}>
      <Text size="sm">
        <b>{n(c.sent)}</b> of {n(c.recipients)} sent
      </Text>
      <Progress value={share} size="xs" color={c.status === 'sent' ? 'teal' : 'blue'} aria-hidden />
    </Stack>
  )
}

/** /w/:ws/campaigns: campaigns with their status and how many were sent, filtered by status
 * and name, paged in the URL. */
export function CampaignsPage() {
  const ws = useWorkspaceId()
  const zone = useCurrentWorkspace()?.time_zone ?? 'UTC'
  const canWrite = useCan('write_contacts')
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: '-created_at', pageSize: 25 })
  const campaigns = useCampaigns(ws, query)
  const items = campaigns.data?.items ?? []
  const total = campaigns.data?.total ?? 0
  const filtered = !!query.q || !!query.status

  const newButton = canWrite ? (
    <Button component={Link} to={`/w/${ws}/campaigns/new`} leftSection={<IconPlus size={16} />}>
      New campaign
    </Button>
  ) : null

  const columns: Column<Campaign>[] = [
    {
      key: 'name',
      label: 'Campaign',
      sortField: 'name',
      primary: true,
      render: (c) => (
        <Anchor component={Link} to={`/w/${ws}/campaigns/${c.id}`} fw={600} size="sm" style={WRAP}>
          {c.name}
        </Anchor>
      ),
    },
    {
      key: 'status',
      label: 'Status',
      width: 190,
      render: (c) => (
        <Stack gap={2} align="flex-start">
          <CampaignStatusBadge status={c.status} />
          {c.status === 'scheduled' && c.scheduled_at ? (
            <Text size="xs" c="dimmed">
              {formatDateTime(c.scheduled_at, zone)}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'sent', label: 'Sent', width: 200, render: (c) => <SentCell c={c} /> },
    {
      key: 'created',
      label: 'Created',
      sortField: 'created_at',
      width: 130,
      render: (c) => <Text size="sm">{formatDate(c.created_at)}</Text>,
    },
  ]

  return (
    <Stack gap="md">
      <PageHeader
        title="Campaigns"
        description="Email to your lists and segments: sent once to each person, with opens, clicks and unsubscribes counted."
        actions={total > 0 || filtered ? newButton : null}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          aria-label="Search campaigns"
          placeholder="Search campaigns by name"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
        <Select
          aria-label="Status"
          placeholder="Any status"
          data={CAMPAIGN_STATUS_OPTIONS}
          value={query.status ?? null}
          onChange={(v) => update({ status: v })}
          clearable
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <ErrorAlert error={campaigns.error} />
      {campaigns.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading campaigns" />
        </Center>
      ) : items.length === 0 && query.page === 1 ? (
        filtered ? (
          <EmptyState
            title="No campaign matches"
            description="Nothing with this name or status. Clear the search or choose another status."
            action={
              <Button variant="default" onClick={() => update({ q: null, status: null })}>
                Show all campaigns
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<IconSend size={26} />}
            title="No campaigns yet"
            description={
              canWrite
                ? 'Choose a template and who gets it (lists, segments), send yourself a test, then send it now or at a time you choose.'
                : 'Members and admins send campaigns; they will show up here.'
            }
            action={newButton}
          />
        )
      ) : (
        <div style={{ opacity: campaigns.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable
            caption="Campaigns"
            columns={columns}
            rows={items}
            rowKey={(c) => c.id}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
          />
          <PaginationBar page={query.page} pageSize={query.page_size} total={total} noun={total === 1 ? 'campaign' : 'campaigns'} onPageChange={(page) => update({ page })} />
        </div>
      )}
    </Stack>
  )
}
