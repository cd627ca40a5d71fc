import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconArrowLeft, IconBuildingSkyscraper } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import {
  EmptyState,
  ErrorAlert,
  formatDateTime,
  NUMBER_HINT,
  PageHeader,
  parseLocaleNumber,
  ResponsiveTable,
  useSubmitOnce,
  useUnsavedChanges,
  type Column,
} from '../../ui'
import { useMe } from '../auth/hooks'
import { useAgencyDeliverability, useSetLimits, type AgencyWorkspaceHealth, type Limits } from './hooks'
import { count, isOver, pct, scoreLook } from './labels'

const WRAP = { overflowWrap: 'anywhere' } as const

/** The form shows what is saved; "5" stays "5", "0.1" stays "0.1". */
const shown = (value: number) => String(value)

function LimitsForm({ agencyId, limits }: { agencyId: number; limits: Limits }) {
  const save = useSetLimits(agencyId)
  const { submit, pending } = useSubmitOnce()
  const [draft, setDraft] = useState({ bounce: shown(limits.bounce), complaint: shown(limits.complaint) })
  const [typo, setTypo] = useState<{ bounce?: string; complaint?: string }>({})
  const [saved, setSaved] = useState(false)
  const dirty = draft.bounce.trim() !== shown(limits.bounce) || draft.complaint.trim() !== shown(limits.complaint)
  useUnsavedChanges(dirty)
  const edit = (field: 'bounce' | 'complaint', value: string) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setTypo((t) => ({ ...t, [field]: undefined }))
    setSaved(false)
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    const bounce = parseLocaleNumber(draft.bounce)
    const complaint = parseLocaleNumber(draft.complaint)
    if (bounce === null || complaint === null) {
      setTypo({ bounce: bounce === null ? NUMBER_HINT : undefined, complaint: complaint === null ? NUMBER_HINT : undefined })
      return
    }
    void submit(async () => {
      const answer = await save.mutateAsync({ bounce, complaint })
      if (answer) setDraft({ bounce: shown(answer.limits.bounce), complaint: shown(answer.limits.complaint) })
      setSaved(true)
    }).catch(() => undefined) // shown on the fields
  }
  const bounceError = typo.bounce ?? save.fieldError('bounce')
  const complaintError = typo.complaint ?? save.fieldError('complaint')
  return (
    <form onSubmit={send} noValidate aria-label="Sending limits">
      <Stack gap="sm">
        <ErrorAlert error={bounceError || complaintError ? null : save.error} />
        {saved && !dirty ? (
          <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setSaved(false)} closeButtonLabel="Dismiss">
            Limits saved. Every client workspace is held to them from its next bounce or check.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Bounce rate limit"
            description="Between 0.5% and 50%. 5% unless you change it."
            value={draft.bounce}
            onChange={(e) => edit('bounce', e.currentTarget.value)}
            error={bounceError}
            inputMode="decimal"
            rightSection={<Text size="sm" c="dimmed">%</Text>}
            maxLength={8}
          />
          <TextInput
            label="Complaint rate limit"
            description="Between 0.01% and 5%. 0.1% unless you change it."
            value={draft.complaint}
            onChange={(e) => edit('complaint', e.currentTarget.value)}
            error={complaintError}
            inputMode="decimal"
            rightSection={<Text size="sm" c="dimmed">%</Text>}
            maxLength={8}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={pending} disabled={!dirty}>
            Save limits
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function Rate({ label, rate, limit }: { label: string; rate: number; limit: number }) {
  const over = isOver(rate, limit)
  return (
    <Text size="sm" c={over ? 'red.7' : undefined} fw={over ? 700 : undefined}>
      {label} {pct(rate)}
      {over ? ' (over the limit)' : ''}
    </Text>
  )
}

/** /agency/:agencyId/deliverability: the client workspaces, riskiest first, and the limits
 * that pause them (owners and admins change them; staff read them). */
export function AgencyDeliverabilityPage() {
  const agencyId = Number(useParams().agencyId)
  const { data: me } = useMe()
  const overview = useAgencyDeliverability(agencyId)
  const agency = me?.agencies.find((a) => a.id === agencyId)
  const data = overview.data
  if (!Number.isInteger(agencyId) || agencyId <= 0) {
    return <EmptyState title="Agency not found" description="This address does not name an agency. Open it from your account menu." />
  }

  const columns: Column<AgencyWorkspaceHealth>[] = [
    {
      key: 'name',
      label: 'Workspace',
      primary: true,
      render: (w) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/w/${w.workspace_id}/deliverability`} fw={600} size="sm" style={WRAP}>
            {w.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {w.domains ? `${w.domains} sending ${w.domains === 1 ? 'domain' : 'domains'}` : 'No sending domain yet'}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'sending',
      label: 'Sending',
      width: '30%',
      render: (w) =>
        w.paused ? (
          <Stack gap={2} align="flex-start" data-testid={`paused-${w.workspace_id}`}>
            <Badge color="red" variant="filled">
              Paused
            </Badge>
            {w.pause_reason ? (
              <Text size="xs" style={WRAP}>
                {w.pause_reason}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Badge color="teal" variant="light">
            Sending
          </Badge>
        ),
    },
    {
      key: 'score',
      label: 'Health',
      width: 170,
      render: (w) => {
        const look = scoreLook(w.score)
        return (
          <Stack gap={2} align="flex-start">
            {w.score !== null ? (
              <Text size="lg" fw={700} lh={1.1} c={`${look.color}.7`}>
                {w.score}
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  of 100
                </Text>
              </Text>
            ) : null}
            <Badge color={look.color} variant="light" size="sm">
              {look.label}
            </Badge>
            {w.checked_at ? (
              <Text size="xs" c="dimmed">
                {formatDateTime(w.checked_at)}
              </Text>
            ) : null}
          </Stack>
        )
      },
    },
    {
      key: 'alerts',
      label: 'Open alerts',
      width: 110,
      render: (w) =>
        w.open_alerts ? (
          <Badge color="orange" variant="light">
            {w.open_alerts} open
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ),
    },
    {
      key: 'rates',
      label: 'Last 7 days',
      width: 190,
      render: (w) =>
        w.rates_7d.sent && data ? (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {count(w.rates_7d.sent)} sent
            </Text>
            <Rate label="Bounced" rate={w.rates_7d.bounce_rate} limit={data.limits.bounce} />
            <Rate label="Spam" rate={w.rates_7d.complaint_rate} limit={data.limits.complaint} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing sent
          </Text>
        ),
    },
  ]

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/agency/${agencyId}`} size="sm">
          <Group gap={4} wrap="nowrap" component="span">
            <IconArrowLeft size={14} />
            <span style={WRAP}>{agency?.name ?? 'Agency'}</span>
          </Group>
        </Anchor>
        <PageHeader
          title="Deliverability of client workspaces"
          description="Riskiest first: paused workspaces, then those with open alerts, then the lowest health scores."
        />
      </div>
      <ErrorAlert error={overview.error} title={overview.error ? 'Could not show this agency' : undefined} />
      {overview.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the agency's deliverability" />
        </Center>
      ) : data ? (
        <>
          {data.workspaces.length ? (
            <ResponsiveTable caption="Client workspaces by risk" columns={columns} rows={data.workspaces} rowKey={(w) => w.workspace_id} />
          ) : (
            <EmptyState
              icon={<IconBuildingSkyscraper size={26} />}
              title="No client workspace to show"
              description="Workspaces you can open in this agency show here, riskiest first."
            />
          )}
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="limits-title">
            <Stack gap="sm">
              <div>
                <Title order={2} fz="h4" id="limits-title">
                  Sending limits
                </Title>
                <Text size="sm" c="dimmed">
                  A workspace stops sending by itself when, over its last 1,000 messages, more bounce or are marked as spam than
                  these limits allow. An admin of the workspace resumes it with a reason.
                </Text>
              </div>
              {data.can_manage ? (
                <LimitsForm agencyId={agencyId} limits={data.limits} />
              ) : (
                <Stack gap={4} data-testid="limits-read-only">
                  <Text size="sm">
                    Bounce rate limit: <b>{pct(data.limits.bounce)}</b>
                  </Text>
                  <Text size="sm">
                    Complaint rate limit: <b>{pct(data.limits.complaint)}</b>
                  </Text>
                  <Text size="xs" c="dimmed">
                    Only the agency’s owners and admins can change these limits.
                  </Text>
                </Stack>
              )}
            </Stack>
          </Paper>
        </>
      ) : null}
    </Stack>
  )
}
