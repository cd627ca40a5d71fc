import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { IconBuildingSkyscraper, IconClockHour4, IconMailCog, IconRefresh } from '@tabler/icons-react'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { EmptyState, ErrorAlert, PageHeader, useSubmitOnce } from '../../ui'
import { useMe } from '../auth/hooks'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { isActive } from '../jobs/types'
import { useMembers } from '../settings/members/hooks'
import { useCan, useCurrentWorkspace, useWorkspaceId } from '../workspaces/hooks'
import { AlertsList } from './AlertsList'
import { BouncesTable } from './BouncesTable'
import { DomainHealthList, SendingIps } from './DomainHealthList'
import { HealthSummary } from './HealthSummary'
import { bouncesKey, deliverabilityKey, pausingAlert, useCheckNow, useDeliverability } from './hooks'
import { pct } from './labels'
import { PauseBanner } from './PauseBanner'
import { RateCards } from './RateCards'

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <div>
        <Title order={2} fz="h4" id={id}>
          {title}
        </Title>
        {description ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : null}
      </div>
      {children}
    </Stack>
  )
}

function resumedNotice(campaigns: number | null): string {
  if (campaigns === null) return 'Sending had already been resumed by another admin.'
  if (!campaigns) return 'Sending resumed. Campaigns can send again.'
  return `Sending resumed. ${campaigns === 1 ? 'The paused campaign goes' : `The ${campaigns} paused campaigns go`} on sending.`
}

/** "Check now": the monitoring run as a tracked job; when it ends, the page is read again. */
function useCheck(ws: number) {
  const qc = useQueryClient()
  const start = useCheckNow(ws)
  const { submit, pending } = useSubmitOnce()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(ws, jobId)
  const running = pending || (!!jobId && (!job.data || isActive(job.data)))
  const ended = job.data && !isActive(job.data) ? job.data.id : null
  useEffect(() => {
    if (!ended) return
    void qc.invalidateQueries({ queryKey: deliverabilityKey(ws) })
    void qc.invalidateQueries({ queryKey: bouncesKey(ws) })
  }, [ended, qc, ws])
  const run = () => {
    if (running) return // a second click while one runs starts nothing
    void submit(async (idempotencyKey) => {
      const accepted = await start.mutateAsync(idempotencyKey)
      if (accepted) setJobId(accepted.job_id)
    }).catch(() => undefined) // shown under the header
  }
  return { run, running, job: jobId ? job.data : undefined, error: start.error || job.error, dismiss: () => setJobId(null) }
}

/** /w/:ws/deliverability: the pause (and resuming it), the health score and its history, the
 * rates against the limits, each domain and sending server, alerts, and recent bounces. */
export function DeliverabilityPage() {
  const ws = useWorkspaceId()
  const workspace = useCurrentWorkspace()
  const isAdmin = useCan('manage_settings')
  const { data: me } = useMe()
  const overview = useDeliverability(ws)
  const members = useMembers(ws)
  const check = useCheck(ws)
  const [resumed, setResumed] = useState<string | null>(null)

  const data = overview.data
  const pause = pausingAlert(data)
  const names = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.user_id, m.name || m.email])), [members.data])
  const admins = (members.data?.items ?? []).filter((m) => m.role === 'admin' && m.status === 'active').map((m) => m.name || m.email)
  const agency = me?.agencies.find((a) => a.id === workspace?.agency_id)
  const domains = data?.health.domains ?? []
  const checked = !!data?.health.checked_at

  const checkButton = (label = 'Check now') =>
    isAdmin ? (
      <Button leftSection={<IconRefresh size={16} />} loading={check.running} onClick={check.run}>
        {label}
      </Button>
    ) : null

  const job = check.job
  return (
    <Stack gap="lg">
      <PageHeader
        title="Deliverability"
        description="Whether your campaigns reach inboxes: DNS records, block lists, bounces and spam complaints, checked every hour. Sending pauses by itself when bounces or complaints pass the limits."
        actions={
          <>
            {agency ? (
              <Button component={Link} to={`/agency/${agency.id}/deliverability`} variant="default" leftSection={<IconBuildingSkyscraper size={16} />}>
                All client workspaces
              </Button>
            ) : null}
            {domains.length && checked ? checkButton() : null}
          </>
        }
      />
      {resumed ? (
        <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setResumed(null)} closeButtonLabel="Dismiss">
          {resumed}
        </Alert>
      ) : null}
      {pause ? (
        <PauseBanner
          ws={ws}
          alert={pause}
          isAdmin={isAdmin}
          admins={admins}
          onResumed={(campaigns) => setResumed(resumedNotice(campaigns))}
        />
      ) : null}
      <ErrorAlert error={check.error} />
      {job ? (
        job.status === 'finished' ? (
          <Alert color="teal" variant="light" role="status" withCloseButton onClose={check.dismiss} closeButtonLabel="Dismiss">
            Checked just now: what you see below is up to date.
          </Alert>
        ) : (
          <Alert color={job.status === 'failed' ? 'red' : 'blue'} variant="light" withCloseButton={!isActive(job)} onClose={check.dismiss} closeButtonLabel="Dismiss">
            <JobProgress job={job} ws={ws} />
          </Alert>
        )
      ) : null}
      <ErrorAlert error={overview.error} />
      {overview.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading deliverability" />
        </Center>
      ) : data ? (
        <>
          {!domains.length ? (
            <EmptyState
              icon={<IconMailCog size={26} />}
              title="No sending domain yet"
              description="Add the domain your campaigns send from and publish its DNS records. Its health is then checked every hour and shows here."
              action={
                <Button component={Link} to={`/w/${ws}/settings/sending-domains`} variant="default">
                  Settings → Sending domains
                </Button>
              }
            />
          ) : !checked ? (
            <EmptyState
              icon={<IconClockHour4 size={26} />}
              title="Not checked yet"
              description={
                isAdmin
                  ? 'Checks run every hour; check now to see the health of your domains and sending servers without waiting.'
                  : 'Checks run every hour; the results show here after the next one. An admin can also check now.'
              }
              action={checkButton('Check now')}
            />
          ) : (
            <HealthSummary score={data.health.score} penalties={data.health.penalties} checkedAt={data.health.checked_at} history={data.history} />
          )}
          {domains.length || data.rates['7d'].sent ? (
            <Section
              title="Bounce and complaint rates"
              description={`Sending pauses by itself when, over the last 1,000 messages, more than ${pct(data.limits.bounce)} bounce or more than ${pct(data.limits.complaint)} are marked as spam. The agency sets these limits.`}
            >
              <RateCards rates={data.rates} limits={data.limits} />
            </Section>
          ) : null}
          {data.alerts.length || checked ? (
            <Section title="Alerts" description="Raised by the checks and by automatic protection; mailed to the workspace’s admins and the agency.">
              <AlertsList alerts={data.alerts} names={names} />
            </Section>
          ) : null}
          {domains.length ? (
            <Section title="Sending domains" description="Each domain’s DNS records and block lists, as the last check found them.">
              <DomainHealthList ws={ws} domains={domains} />
            </Section>
          ) : null}
          {checked ? (
            <Section title="Sending servers" description="The servers that send your mail: their reverse DNS (the name their IP gives) and block lists.">
              <SendingIps ips={data.health.sending_ips} />
            </Section>
          ) : null}
        </>
      ) : null}
      <Section
        title="Recent bounces and complaints"
        description="Messages that could not be delivered and people who marked a message as spam, newest first. Only contacts you may see are listed."
      >
        <BouncesTable ws={ws} />
      </Section>
    </Stack>
  )
}
