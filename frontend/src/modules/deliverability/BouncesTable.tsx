import { Anchor, Badge, Button, Center, Code, Group, Loader, Select, Stack, Text, Tooltip } from '@mantine/core'
import { IconMailOff } from '@tabler/icons-react'
import { Link } from 'react-router'
import { textParam, useListParams, type UrlParam } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDateTime, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { SearchInput } from '../lists/SearchInput'
import { isBounceKind, useBounces, type Bounce, type BounceKind } from './hooks'
import { BOUNCE_KIND_OPTIONS, bounceLook } from './labels'

type Filters = { q: string; kind: BounceKind }
const kindParam: UrlParam<BounceKind> = { name: 'kind', read: (raw) => (isBounceKind(raw) ? raw : undefined) }
const FILTERS = { q: textParam('q', { typed: true }), kind: kindParam }
const WRAP = { overflowWrap: 'anywhere' } as const

/** Recent bounces and complaints: paged, filtered by kind and words in the URL, each with its
 * reason and links to the contact's card and the campaign. */
export function BouncesTable({ ws }: { ws: number }) {
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: '-at', pageSize: 25 })
  const bounces = useBounces(ws, query)
  const items = bounces.data?.items ?? []
  const total = bounces.data?.total ?? 0
  const filtered = !!query.q || !!query.kind

  const columns: Column<Bounce>[] = [
    {
      key: 'email',
      label: 'Address',
      sortField: 'email',
      primary: true,
      width: '30%',
      render: (b) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/w/${ws}/contacts/${b.contact_id}`} size="sm" fw={600} style={WRAP}>
            {b.email}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatDateTime(b.at)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'kind',
      label: 'Kind',
      sortField: 'kind',
      width: 140,
      render: (b) => {
        const look = bounceLook(b.kind)
        return (
          <Tooltip label={look.hint} disabled={!look.hint} multiline w={240} withArrow>
            <Badge size="sm" variant="light" color={look.color} style={{ whiteSpace: 'nowrap' }}>
              {look.label}
            </Badge>
          </Tooltip>
        )
      },
    },
    {
      key: 'reason',
      label: 'Reason',
      render: (b) => (
        <Stack gap={2} style={{ minWidth: 0 }}>
          {b.status ? (
            <Code fz="xs" w="fit-content">
              {b.status}
            </Code>
          ) : null}
          <Text size="sm" lineClamp={4} title={b.detail} style={WRAP}>
            {b.detail || '—'}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'campaign',
      label: 'Campaign',
      width: '20%',
      render: (b) =>
        b.campaign ? (
          <Anchor component={Link} to={`/w/${ws}/campaigns/${b.campaign_id}`} size="sm" style={WRAP}>
            {b.campaign}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            A deleted campaign
          </Text>
        ),
    },
  ]

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          aria-label="Search bounces and complaints"
          placeholder="Search by address or reason"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
        <Select
          aria-label="Kind"
          placeholder="Any kind"
          data={BOUNCE_KIND_OPTIONS}
          value={query.kind ?? null}
          onChange={(v) => update({ kind: isBounceKind(v) ? v : null })}
          clearable
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <ErrorAlert error={bounces.error} />
      {bounces.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading bounces and complaints" />
        </Center>
      ) : items.length === 0 && query.page === 1 ? (
        filtered ? (
          <EmptyState
            title="Nothing matches"
            description="No bounce or complaint of this kind or with these words. Clear the search or choose another kind."
            action={
              <Button variant="default" onClick={() => update({ q: null, kind: null })}>
                Show all
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<IconMailOff size={26} />}
            title="No bounces or complaints"
            description="When a message cannot be delivered or someone marks it as spam, it shows here with the reason the receiving server gave."
          />
        )
      ) : (
        <div style={{ opacity: bounces.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable
            caption="Bounces and complaints"
            columns={columns}
            rows={items}
            rowKey={(b) => b.id}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
          />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={total}
            noun={total === 1 ? 'bounce or complaint' : 'bounces and complaints'}
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(page_size) => update({ page_size })}
          />
        </div>
      )}
    </Stack>
  )
}
