import { Alert, Anchor, Badge, Breadcrumbs, Button, Center, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconPlayerPause, IconPlayerPlay, IconTrash, IconTrophy } from '@tabler/icons-react'
import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { Link, useNavigate } from 'react-router'
import { ConfirmButton, ErrorAlert, formatDateTime, PageHeader, useSubmitOnce } from '../../ui'
import { useCan, useCurrentWorkspace } from '../workspaces/hooks'
import { useCampaignAction, useCampaignReport, useDeleteCampaign, useTemplate } from './hooks'
import { timelineOption, timelineSentence } from './reportChart'
import { CampaignStatusBadge } from './StatusBadge'
import { campaignActions, isLive, n, outboxParts, percent, type Campaign, type Figures, type Report } from './types'

// ECharts only when a report is shown.
const Chart = lazy(() => import('../../ui/Chart').then((m) => ({ default: m.Chart })))

const WRAP = { overflowWrap: 'anywhere' } as const

function Stat({ label, value, sub, color }: { label: string; value: ReactNode; sub?: ReactNode; color?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" h="100%">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} c={color}>
        {value}
      </Text>
      {sub ? (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      ) : null}
    </Paper>
  )
}

/** The outbox as one bar: sent, failed, uncertain, skipped, cancelled, waiting. */
export function OutboxProgress({ campaign }: { campaign: Campaign }) {
  const { total, parts } = outboxParts(campaign.progress)
  const live = isLive(campaign.status)
  const done = parts.find((p) => p.key === 'sent')!.count
  const shown = parts.filter((p) => p.count > 0)
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="outbox-title">
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <Title id="outbox-title" order={3} fz="h4">
          Outbox
        </Title>
        <Text size="sm" c="dimmed" data-testid="outbox-summary">
          {total ? `${n(done)} of ${n(total)} sent` : campaign.recipients === 0 ? 'Nobody to send to' : 'Preparing the recipients…'}
        </Text>
      </Group>
      <Progress.Root size={18} aria-label={`Outbox: ${shown.map((p) => `${n(p.count)} ${p.label}`).join(', ') || 'empty'}`}>
        {shown.map((p) => (
          <Tooltip key={p.key} label={`${n(p.count)} ${p.label}`} withArrow>
            <Progress.Section value={p.value} color={p.color} striped={live && p.key === 'waiting'} animated={live && p.key === 'waiting'} withAria={false} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="md" mt="xs" wrap="wrap">
        {shown.map((p) => (
          <Group key={p.key} gap={6} wrap="nowrap">
            <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${p.color.replace('.', '-')}${p.color.includes('.') ? '' : '-filled'})` }} />
            <Text size="xs">
              {n(p.count)} {p.label}
            </Text>
          </Group>
        ))}
      </Group>
      {live ? (
        <Text size="xs" c="dimmed" mt={4}>
          Updates every 2 seconds.
        </Text>
      ) : null}
    </Paper>
  )
}

function Totals({ totals, campaign }: { totals: Figures; campaign: Campaign }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="sm" aria-label="Totals">
      <Stat label="Recipients" value={n(totals.recipients)} />
      <Stat label="Sent" value={n(totals.sent)} sub={totals.waiting ? `${n(totals.waiting)} waiting` : 'handed to mail servers'} />
      <Stat label="Delivered" value={n(totals.delivered)} sub={totals.bounced ? `${n(totals.bounced)} bounced` : 'none bounced'} />
      <Stat
        label="Opened"
        value={campaign.track_opens ? n(totals.unique_opens) : '—'}
        sub={campaign.track_opens ? `${percent(totals.open_rate)} · ${n(totals.opens)} opens in all` : 'opens not counted'}
        color={!campaign.track_opens ? 'dimmed' : totals.unique_opens ? 'teal' : undefined}
      />
      <Stat
        label="Clicked"
        value={campaign.track_clicks ? n(totals.unique_clicks) : '—'}
        sub={campaign.track_clicks ? `${percent(totals.click_rate)} · ${n(totals.clicks)} clicks in all` : 'clicks not counted'}
        color={!campaign.track_clicks ? 'dimmed' : totals.unique_clicks ? 'orange' : undefined}
      />
      <Stat label="Unsubscribed" value={n(totals.unsubscribes)} sub={totals.sent ? percent(totals.unsubscribes / totals.sent) : undefined} />
      <Stat label="Bounced" value={n(totals.bounced)} />
      <Stat label="Complaints" value={n(totals.complaints)} sub="marked as spam" />
    </SimpleGrid>
  )
}

/** Why some people did not get it, in plain words. */
function NotSent({ totals, cancelled }: { totals: Figures; cancelled: number }) {
  const rows = [
    {
      key: 'failed',
      label: 'Failed',
      count: totals.failed,
      color: 'red',
      text: 'The receiving mail server refused these messages (for example, the address does not exist). They are not tried again. Each person’s card shows the server’s answer.',
    },
    {
      key: 'uncertain',
      label: 'Uncertain',
      count: totals.uncertain,
      color: 'yellow.8',
      text: 'The sender stopped (a restart or a crash) while handing these messages to the mail server. They may have arrived, or not. So that nobody gets the same message twice, they are never sent again automatically.',
    },
    {
      key: 'skipped',
      label: 'Skipped',
      count: totals.skipped,
      color: 'gray.7',
      text: 'When their turn came these people could no longer be mailed: they had unsubscribed, their address had become invalid or suppressed, or they were deleted.',
    },
    ...(totals.waiting ? [{ key: 'waiting', label: 'Waiting', count: totals.waiting, color: 'blue', text: 'Not sent yet: in the queue, or held for the A/B test’s winner.' }] : []),
    ...(cancelled ? [{ key: 'cancelled', label: 'Not sent', count: cancelled, color: 'gray.7', text: 'The campaign was cancelled before these went out; they never will.' }] : []),
  ]
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="not-sent-title">
      <Title id="not-sent-title" order={3} fz="h4" mb="xs">
        Not delivered
      </Title>
      <Stack gap="sm">
        {rows.map((r) => (
          <Group key={r.key} gap="sm" wrap="nowrap" align="flex-start" data-testid={`not-sent-${r.key}`}>
            <Text fw={700} fz="lg" miw={28} ta="right" c={r.count ? r.color : 'dimmed'} style={{ flexShrink: 0 }} lh={1.3}>
              {n(r.count)}
            </Text>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {r.label}
              </Text>
              <Text size="xs" c="dimmed">
                {r.text}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </Paper>
  )
}

function Versions({ report, campaign }: { report: Report; campaign: Campaign }) {
  const ab = campaign.ab && 'kind' in campaign.ab ? campaign.ab : null
  if (!ab && report.versions.length < 2) return null
  const by = ab?.winner_by === 'clicks' ? 'clicks' : 'opens'
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="versions-title">
      <Title id="versions-title" order={3} fz="h4">
        A/B versions
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {ab?.kind === 'subject' ? 'Two subjects' : 'Two templates'}; the winner is the version with more unique {by}.
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={6} fz="sm" aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th ta="right">Sent</Table.Th>
              <Table.Th ta="right">Opened</Table.Th>
              <Table.Th ta="right">Clicked</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.versions.map((v) => (
              <Table.Tr key={v.version} data-winner={report.winner === v.version || undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text fw={700}>{v.version}</Text>
                    {report.winner === v.version ? (
                      <Badge color="yellow" variant="light" tt="none" leftSection={<IconTrophy size={12} />}>
                        Winner
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{n(v.sent)}</Table.Td>
                <Table.Td ta="right">
                  {n(v.unique_opens)} <Text span size="xs" c="dimmed">({percent(v.open_rate)})</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {n(v.unique_clicks)} <Text span size="xs" c="dimmed">({percent(v.click_rate)})</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {campaign.status === 'testing' && campaign.ab_decide_at ? (
        <Text size="xs" c="dimmed" mt="xs">
          The winner is chosen on {formatDateTime(campaign.ab_decide_at)}.
        </Text>
      ) : null}
    </Paper>
  )
}

function Links({ links }: { links: Report['links'] }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="links-title">
      <Title id="links-title" order={3} fz="h4" mb="xs">
        Links clicked
      </Title>
      {links.length === 0 ? (
        <Text size="sm" c="dimmed">
          No link clicked yet.
        </Text>
      ) : (
        <Table verticalSpacing={6} fz="sm" aria-label="Links" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Link</Table.Th>
              <Table.Th ta="right" w={70}>
                Clicks
              </Table.Th>
              <Table.Th ta="right" w={80}>
                People
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.map((l) => (
              <Table.Tr key={l.url}>
                <Table.Td style={WRAP}>
                  <Anchor href={l.url} target="_blank" rel="noopener noreferrer" size="sm" style={WRAP}>
                    {l.url}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{n(l.clicks)}</Table.Td>
                <Table.Td ta="right">{n(l.unique_clicks)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}

function Timeline({ report, timeZone }: { report: Report; timeZone: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="timeline-title">
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <Title id="timeline-title" order={3} fz="h4">
          Over time
        </Title>
        <Text size="xs" c="dimmed">
          Per hour, {timeZone}
        </Text>
      </Group>
      {report.timeline.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing sent yet.
        </Text>
      ) : (
        <Suspense fallback={<Loader size="sm" aria-label="Loading the chart" />}>
          <Chart option={timelineOption(report.timeline, timeZone)} label={timelineSentence(report.timeline)} height={240} />
        </Suspense>
      )}
    </Paper>
  )
}

/** A campaign that went out (or is going out): its outbox, polled while it sends, what can be
 * done with it (pause, resume, cancel), totals, a chart over time, versions, links and what
 * did not get delivered. */
export function CampaignReport({ ws, campaign }: { ws: number; campaign: Campaign }) {
  const canWrite = useCan('write_contacts')
  const timeZone = useCurrentWorkspace()?.time_zone ?? 'UTC'
  const navigate = useNavigate()
  const live = isLive(campaign.status)
  const report = useCampaignReport(ws, campaign.id, live)
  const template = useTemplate(ws, campaign.template_id ?? Number.NaN, campaign.template_id != null)
  const life = useCampaignAction(ws)
  const remove = useDeleteCampaign(ws)
  const { submit, pending } = useSubmitOnce()
  const actions = canWrite ? campaignActions(campaign.status) : []
  // The last poll may be older than the change of status: read the report once more.
  const { refetch } = report
  useEffect(() => {
    void refetch()
  }, [campaign.status, refetch])

  const act = (action: 'pause' | 'resume') => void submit(() => life.mutateAsync({ id: campaign.id, action })).catch(() => undefined)
  const cancel = () => life.mutateAsync({ id: campaign.id, action: 'cancel' }).catch(() => undefined)
  const onDelete = async () => {
    try {
      await remove.mutateAsync(campaign.id)
      navigate(`/w/${ws}/campaigns`, { replace: true })
    } catch {
      // shown below the header
    }
  }

  const from = campaign.from_name ? `${campaign.from_name} <${campaign.from_email}>` : campaign.from_email
  const facts = [
    `From ${from}`,
    template.data ? `template “${template.data.name}”` : null,
    campaign.started_at ? `started ${formatDateTime(campaign.started_at, timeZone)}` : null,
    campaign.finished_at ? `finished ${formatDateTime(campaign.finished_at, timeZone)}` : null,
    campaign.started_at ? `times in ${timeZone}` : null,
  ].filter(Boolean)

  return (
    <Stack gap="md">
      <nav aria-label="Breadcrumb">
        <Breadcrumbs>
          <Anchor component={Link} to={`/w/${ws}/campaigns`} size="sm">
            Campaigns
          </Anchor>
          <Text size="sm" c="dimmed" lineClamp={1} style={WRAP}>
            {campaign.name}
          </Text>
        </Breadcrumbs>
      </nav>
      <PageHeader
        title={campaign.name}
        description={<span style={WRAP}>{facts.join(' · ')}</span>}
        actions={
          <>
            <CampaignStatusBadge status={campaign.status} size="lg" />
            {actions.includes('pause') ? (
              <Button variant="default" leftSection={<IconPlayerPause size={16} />} loading={pending} onClick={() => act('pause')}>
                Pause
              </Button>
            ) : null}
            {actions.includes('resume') ? (
              <Button leftSection={<IconPlayerPlay size={16} />} loading={pending} onClick={() => act('resume')}>
                Resume
              </Button>
            ) : null}
            {actions.includes('cancel') ? (
              <ConfirmButton
                variant="light"
                confirmTitle="Cancel this campaign?"
                confirmText="What has not gone out yet will never be sent. Messages already sent stay sent. This cannot be undone."
                confirmLabel="Cancel campaign"
                onConfirm={cancel}
              >
                Cancel campaign
              </ConfirmButton>
            ) : null}
            {actions.includes('delete') ? (
              <ConfirmButton
                variant="subtle"
                leftSection={<IconTrash size={16} />}
                confirmTitle="Delete this campaign?"
                confirmText="Its report goes with it. People keep what they got, and their cards keep the messages."
                confirmLabel="Delete campaign"
                onConfirm={onDelete}
              >
                Delete
              </ConfirmButton>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={life.error ?? remove.error} />
      {campaign.status === 'paused' ? (
        <Alert color="yellow" variant="light" title="Paused">
          {campaign.started_at
            ? 'Nothing more goes out until you resume. Messages already handed to the mail server are not affected.'
            : `Paused before it started. Resume to put it back on schedule${campaign.scheduled_at ? ` (${formatDateTime(campaign.scheduled_at, timeZone)}, ${timeZone})` : ''}.`}
        </Alert>
      ) : null}
      {campaign.status === 'testing' ? (
        <Alert color="grape" variant="light" title="A/B test running">
          The test group got version A or B. {campaign.ab_decide_at ? `On ${formatDateTime(campaign.ab_decide_at, timeZone)} ` : 'Later '}the version with
          more unique {campaign.ab && 'winner_by' in campaign.ab && campaign.ab.winner_by === 'clicks' ? 'clicks' : 'opens'} goes to everyone else.
        </Alert>
      ) : null}
      <OutboxProgress campaign={campaign} />
      <ErrorAlert error={report.error} />
      {report.data ? (
        <>
          <Totals totals={report.data.totals} campaign={campaign} />
          <Timeline report={report.data} timeZone={timeZone} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
            <NotSent totals={report.data.totals} cancelled={campaign.progress.cancelled ?? 0} />
            <Stack gap="md">
              <Versions report={report.data} campaign={campaign} />
              <Links links={report.data.links} />
            </Stack>
          </SimpleGrid>
        </>
      ) : report.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the report" />
        </Center>
      ) : null}
    </Stack>
  )
}
