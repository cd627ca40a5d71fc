import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDeviceFloppy, IconExternalLink, IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { Link, useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { ConfirmButton, ErrorAlert, formatDateTime, PageHeader, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { useLists } from '../lists/hooks'
import { useSegments } from '../segments/hooks'
import { useCan, useCurrentWorkspace } from '../workspaces/hooks'
import { audienceKey, draftAudienceKey, draftKey, EMPTY_DRAFT, fromCampaign, toCampaignBody, type AbKind, type CampaignDraft } from './draft'
import { useAudience, useCampaignAction, useDeleteCampaign, useSaveCampaign, useTemplates } from './hooks'
import { AudienceCount, ScheduleButton, SendNowButton, SendTestButton } from './SendControls'
import { CampaignStatusBadge } from './StatusBadge'
import { campaignActions, type Campaign } from './types'

const WRAP = { overflowWrap: 'anywhere' } as const
/** Fields the form shows the API's messages under; anything else goes in the alert. */
const FIELDS = [
  'name',
  'from_name',
  'from_email',
  'reply_to',
  'template_id',
  'list_ids',
  'segment_ids',
  'exclude_segment_ids',
  'throttle_per_minute',
  'track_opens',
  'track_clicks',
]

function Section({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Title id={id} order={3} fz="h4">
            {title}
          </Title>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  )
}

/** Messages of the API for a field and anything under it ("ab" and "ab.split_percent"). */
function messagesFor(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined
  const found = Object.entries(error.errors)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .flatMap(([, v]) => v)
  return found.length ? found.join(' ') : undefined
}

/** A draft or scheduled campaign: who sends it, which template, to whom (with the live count),
 * an optional A/B test, throttle and tracking; then a test, "Send now" or "Schedule…". */
export function CampaignEditor({ ws, campaign }: { ws: number; campaign: Campaign | null }) {
  const canWrite = useCan('write_contacts')
  const timeZone = useCurrentWorkspace()?.time_zone ?? 'UTC'
  const navigate = useNavigate()
  const [draft, setDraft] = useState<CampaignDraft>(() => (campaign ? fromCampaign(campaign) : EMPTY_DRAFT))
  const [baseline, setBaseline] = useState(() => draftKey(draft))
  const save = useSaveCampaign(ws)
  const remove = useDeleteCampaign(ws)
  const life = useCampaignAction(ws)
  const [sendError, setSendError] = useState<unknown>(null)
  const { submit, pending } = useSubmitOnce()
  const dirty = draftKey(draft) !== baseline
  useUnsavedChanges(canWrite && dirty && !pending)

  const templates = useTemplates(ws, { page_size: 200, sort: 'name' })
  const lists = useLists(ws, { page_size: 200 })
  const segments = useSegments(ws, { page_size: 200 })
  const templateOptions = (templates.data?.items ?? []).map((t) => ({ value: String(t.id), label: t.name }))
  const listOptions = (lists.data?.items ?? []).map((l) => ({ value: String(l.id), label: l.name }))
  const segmentOptions = (segments.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))

  const nobody = campaign ? !campaign.list_ids.length && !campaign.segment_ids.length : true
  const audience = useAudience(ws, campaign?.id, !nobody)
  const audienceStale = !!campaign && draftAudienceKey(draft) !== audienceKey(campaign)

  const set = <K extends keyof CampaignDraft>(key: K, value: CampaignDraft[K]) => {
    setSendError(null)
    setDraft((d) => ({ ...d, [key]: value }))
  }
  const text = (key: 'name' | 'from_name' | 'from_email' | 'reply_to' | 'subject_b') => (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value)

  const onSave = (e: React.FormEvent) => {
    e.preventDefault()
    setSendError(null)
    const body = toCampaignBody(draft)
    const saving = draftKey(draft)
    void submit(async (idempotencyKey) => {
      const saved = await save.mutateAsync({ id: campaign?.id, body, idempotencyKey })
      setBaseline(saving)
      if (!campaign) navigate(`/w/${ws}/campaigns/${saved.id}`, { replace: true })
    }).catch(() => undefined)
  }

  const onDelete = async () => {
    if (!campaign) return
    try {
      await remove.mutateAsync(campaign.id)
      navigate(`/w/${ws}/campaigns`, { replace: true })
    } catch {
      // shown above the form
    }
  }
  const onCancel = async () => {
    if (!campaign) return
    await life.mutateAsync({ id: campaign.id, action: 'cancel' }).catch(() => undefined)
  }

  const fieldError = (field: string) => save.fieldError(field) ?? messagesFor(sendError, field)
  const abError = messagesFor(save.error, 'ab')
  const otherError = save.error && !FIELDS.some((f) => save.fieldError(f)) && !abError ? save.error : null
  const actions = campaign ? campaignActions(campaign.status) : []
  const templateId = draft.template_id
  const ready = !!campaign && !dirty && campaign.template_id != null && !nobody
  const notReady = !campaign
    ? 'Save the campaign first.'
    : dirty
      ? 'Save your changes before sending.'
      : campaign.template_id == null
        ? 'Choose a template and save.'
        : nobody
          ? 'Choose lists or segments and save.'
          : audience.data === 0
            ? 'Nobody would get it now.'
            : null

  const readOnly = !canWrite

  const form = (
    <form id="campaign-form" onSubmit={onSave} noValidate aria-label="Save campaign">
      <Stack gap="md">
        <Section id="campaign-details" title="Details">
          <TextInput
            label="Name"
            description="For you: people do not see it (unless the template prints {{ campaign.name }})."
            placeholder="e.g. Wiosenna wyprzedaż 2026"
            value={draft.name}
            onChange={text('name')}
            maxLength={200}
            error={fieldError('name')}
            withAsterisk
            readOnly={readOnly}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput label="From name" placeholder="e.g. Sklep Żółw" value={draft.from_name} onChange={text('from_name')} maxLength={200} error={fieldError('from_name')} readOnly={readOnly} />
            <TextInput
              label="From email"
              type="email"
              placeholder="news@yourshop.pl"
              value={draft.from_email}
              onChange={text('from_email')}
              error={fieldError('from_email')}
              withAsterisk
              readOnly={readOnly}
            />
          </SimpleGrid>
          <TextInput
            label="Reply-to"
            type="email"
            description="Where replies go. Empty: the from address."
            value={draft.reply_to}
            onChange={text('reply_to')}
            error={fieldError('reply_to')}
            readOnly={readOnly}
          />
        </Section>

        <Section id="campaign-message" title="Message">
          <Select
            label="Template"
            placeholder={templateOptions.length ? 'Choose a template' : 'No templates yet'}
            data={templateOptions}
            value={templateId}
            onChange={(v) => set('template_id', v)}
            searchable
            clearable
            nothingFoundMessage="No template with that name"
            error={fieldError('template_id')}
            readOnly={readOnly}
            comboboxProps={{ withinPortal: true }}
          />
          <Group gap="md">
            {templateId ? (
              <Anchor component={Link} to={`/w/${ws}/templates/${templateId}`} size="sm">
                <Group gap={4} component="span" wrap="nowrap">
                  <IconExternalLink size={14} aria-hidden /> Edit this template
                </Group>
              </Anchor>
            ) : null}
            <Anchor component={Link} to={`/w/${ws}/templates/new`} size="sm">
              <Group gap={4} component="span" wrap="nowrap">
                <IconPlus size={14} aria-hidden /> New template
              </Group>
            </Anchor>
          </Group>
        </Section>

        <Section id="campaign-audience" title="Audience" description="Subscribers of the lists and the people in the segments (if subscribed to any list), minus the excluded segments. Each person gets it once.">
          <MultiSelect
            label="Lists"
            placeholder={draft.list_ids.length ? '' : 'Send to subscribers of…'}
            data={listOptions}
            value={draft.list_ids}
            onChange={(v) => set('list_ids', v)}
            searchable
            clearable
            nothingFoundMessage="No list with that name"
            error={fieldError('list_ids')}
            readOnly={readOnly}
            comboboxProps={{ withinPortal: true }}
          />
          <MultiSelect
            label="Segments"
            placeholder={draft.segment_ids.length ? '' : '…and to the people in'}
            data={segmentOptions}
            value={draft.segment_ids}
            onChange={(v) => set('segment_ids', v)}
            searchable
            clearable
            nothingFoundMessage="No segment with that name"
            error={fieldError('segment_ids')}
            readOnly={readOnly}
            comboboxProps={{ withinPortal: true }}
          />
          <MultiSelect
            label="Leave out"
            placeholder={draft.exclude_segment_ids.length ? '' : 'Except the people in'}
            description="Nobody in these segments gets it."
            data={segmentOptions}
            value={draft.exclude_segment_ids}
            onChange={(v) => set('exclude_segment_ids', v)}
            searchable
            clearable
            nothingFoundMessage="No segment with that name"
            error={fieldError('exclude_segment_ids')}
            readOnly={readOnly}
            comboboxProps={{ withinPortal: true }}
          />
        </Section>

        <Section id="campaign-ab" title="A/B test" description="Send two versions to a test group first; the rest get the one more people opened (or clicked).">
          <SegmentedControl
            aria-label="A/B test"
            value={draft.ab_kind}
            onChange={(v) => set('ab_kind', v as AbKind)}
            disabled={readOnly}
            fullWidth
            data={[
              { value: 'off', label: 'Off' },
              { value: 'subject', label: 'Two subjects' },
              { value: 'content', label: 'Two templates' },
            ]}
          />
          {draft.ab_kind === 'subject' ? (
            <TextInput
              label="Subject B"
              description="Version A has the template’s subject. Variables work here too."
              value={draft.subject_b}
              onChange={text('subject_b')}
              maxLength={500}
              error={messagesFor(save.error, 'ab.subject_b')}
              withAsterisk
              readOnly={readOnly}
            />
          ) : null}
          {draft.ab_kind === 'content' ? (
            <Select
              label="Template B"
              description="Version A is the template above."
              placeholder="Choose the second template"
              data={templateOptions}
              value={draft.template_b_id}
              onChange={(v) => set('template_b_id', v)}
              searchable
              error={messagesFor(save.error, 'ab.template_b_id')}
              withAsterisk
              readOnly={readOnly}
              comboboxProps={{ withinPortal: true }}
            />
          ) : null}
          {draft.ab_kind !== 'off' ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="sm">
                <NumberInput
                  label="Test group"
                  suffix="%"
                  min={2}
                  max={100}
                  allowDecimal={false}
                  value={draft.split_percent}
                  onChange={(v) => set('split_percent', v)}
                  error={messagesFor(save.error, 'ab.split_percent')}
                  readOnly={readOnly}
                />
                <Select
                  label="Winner by"
                  data={[
                    { value: 'opens', label: 'More opens' },
                    { value: 'clicks', label: 'More clicks' },
                  ]}
                  value={draft.winner_by}
                  onChange={(v) => v && set('winner_by', v as 'opens' | 'clicks')}
                  allowDeselect={false}
                  readOnly={readOnly}
                  comboboxProps={{ withinPortal: true }}
                />
                <NumberInput
                  label="Decide after"
                  suffix=" h"
                  min={1}
                  max={168}
                  allowDecimal={false}
                  value={draft.wait_hours}
                  onChange={(v) => set('wait_hours', v)}
                  error={messagesFor(save.error, 'ab.wait_hours')}
                  readOnly={readOnly}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {Number(draft.split_percent) >= 100
                  ? 'Everyone is in the test: half get A, half get B, and no winner is sent.'
                  : `${draft.split_percent || '…'}% get A or B (half each); after ${draft.wait_hours || '…'} hours the other ${100 - (Number(draft.split_percent) || 0)}% get the version with more unique ${draft.winner_by}.`}
              </Text>
              {abError && !messagesFor(save.error, 'ab.subject_b') && !messagesFor(save.error, 'ab.template_b_id') && !messagesFor(save.error, 'ab.split_percent') && !messagesFor(save.error, 'ab.wait_hours') ? (
                <Text size="sm" c="red" role="alert">
                  {abError}
                </Text>
              ) : null}
            </>
          ) : null}
        </Section>

        <Section id="campaign-sending" title="Sending and tracking">
          <NumberInput
            label="At most per minute"
            description="Spread the sending for a small mail server. Empty: as fast as it goes."
            placeholder="No limit"
            min={1}
            max={100000}
            allowDecimal={false}
            value={draft.throttle_per_minute}
            onChange={(v) => set('throttle_per_minute', v)}
            error={fieldError('throttle_per_minute')}
            readOnly={readOnly}
            maw={260}
          />
          <Switch
            label="Count opens"
            description="A tiny invisible image in each message."
            checked={draft.track_opens}
            onChange={(e) => set('track_opens', e.currentTarget.checked)}
            disabled={readOnly}
          />
          <Switch
            label="Count clicks"
            description="Links go through Cardfile, then straight on."
            checked={draft.track_clicks}
            onChange={(e) => set('track_clicks', e.currentTarget.checked)}
            disabled={readOnly}
          />
        </Section>
      </Stack>
    </form>
  )

  const scheduled = campaign?.status === 'scheduled'
  const side = (
    <Stack gap="sm">
      {campaign ? (
        <AudienceCount
          count={nobody ? 0 : audience.data}
          counting={audience.isFetching}
          error={audience.error}
          stale={audienceStale}
          nobody={nobody}
          onRefresh={nobody ? undefined : () => void audience.refetch()}
        />
      ) : null}
      {scheduled && campaign?.scheduled_at ? (
        <Alert color="blue" variant="light" title="Scheduled" role="status">
          <Text size="sm" style={WRAP}>
            Goes out on <b>{formatDateTime(campaign.scheduled_at, timeZone)}</b> ({timeZone}). Changes you save until then are sent.
          </Text>
        </Alert>
      ) : null}
      {canWrite ? (
        <Paper withBorder radius="md" p="sm" component="section" aria-label="Save and send">
          <Stack gap="xs">
            <Button type="submit" form="campaign-form" loading={pending} disabled={!draft.name.trim() || (!dirty && !!campaign)} leftSection={<IconDeviceFloppy size={16} />} fullWidth>
              {campaign ? 'Save changes' : 'Save campaign'}
            </Button>
            <Text size="xs" c={dirty ? 'dimmed' : 'teal'} ta="center" role="status">
              {dirty ? (campaign ? 'Unsaved changes.' : 'Save to count who gets it, test and send.') : save.isSuccess ? 'Saved.' : ''}
            </Text>
            {campaign && (actions.includes('send') || actions.includes('schedule')) ? (
              <>
                <SendTestButton ws={ws} campaign={campaign} disabled={dirty || campaign.template_id == null} />
                <SendNowButton ws={ws} campaign={campaign} count={audience.data} disabled={!ready || audience.data === 0} onError={setSendError} />
                <ScheduleButton ws={ws} campaign={campaign} count={audience.data} disabled={!ready || audience.data === 0} onError={setSendError} timeZone={timeZone} />
                {notReady ? (
                  <Text size="xs" c="dimmed" ta="center">
                    {notReady}
                  </Text>
                ) : null}
              </>
            ) : null}
            <ErrorAlert error={sendError} title="Not sent" />
            {scheduled && actions.includes('cancel') ? (
              <ConfirmButton
                variant="subtle"
                fullWidth
                confirmTitle="Cancel this campaign?"
                confirmText="It will not be sent, now or later. This cannot be undone (you can make a new campaign)."
                confirmLabel="Cancel campaign"
                onConfirm={onCancel}
              >
                Cancel campaign
              </ConfirmButton>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  )

  return (
    <Stack gap="md">
      <nav aria-label="Breadcrumb">
        <Breadcrumbs>
          <Anchor component={Link} to={`/w/${ws}/campaigns`} size="sm">
            Campaigns
          </Anchor>
          <Text size="sm" c="dimmed" lineClamp={1} style={WRAP}>
            {campaign?.name ?? 'New campaign'}
          </Text>
        </Breadcrumbs>
      </nav>
      <PageHeader
        title={campaign?.name ?? 'New campaign'}
        description={campaign ? undefined : 'Choose who sends it, the template and who gets it. Save, send yourself a test, then send.'}
        actions={
          campaign ? (
            <>
              <CampaignStatusBadge status={campaign.status} size="lg" />
              {canWrite && actions.includes('delete') ? (
            <ConfirmButton
              variant="light"
              leftSection={<IconTrash size={16} />}
              confirmTitle="Delete this campaign?"
              confirmText={`“${campaign.name}” has not been sent; it will be deleted.`}
              confirmLabel="Delete campaign"
              onConfirm={onDelete}
            >
              Delete
            </ConfirmButton>
              ) : null}
            </>
          ) : null
        }
      />
      <ErrorAlert error={remove.error ?? life.error} />
      <ErrorAlert error={otherError} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>{form}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <div style={{ position: 'sticky', top: 68 }}>{side}</div>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
