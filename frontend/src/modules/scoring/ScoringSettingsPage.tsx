import { Badge, Button, Center, Group, Loader, NumberInput, Paper, Stack, Text, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, ResponsiveTable, useUnsavedChanges, type Column } from '../../ui'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { eventInfo, useDeleteRule, useSaveScoringSettings, useScoringRules, useScoringSettings, type ScoringRule } from './hooks'
import { RuleFormModal } from './RuleFormModal'

function what(rule: ScoringRule): string {
  if (rule.event === 'purchase') return rule.currency ? `per 1 ${rule.currency}` : 'per 1 unit of any currency'
  if (!rule.match) return eventInfo(rule.event)?.match ? 'any' : '—'
  return rule.event === 'page_visit' ? `URL contains “${rule.match}”` : `“${rule.match}”`
}

function DecayForm({ ws, canManage }: { ws: number; canManage: boolean }) {
  const settings = useScoringSettings(ws)
  const save = useSaveScoringSettings(ws)
  const [percent, setPercent] = useState<number | string>(0)
  const stored = settings.data?.decay_percent
  useEffect(() => {
    if (stored !== undefined) setPercent(stored)
  }, [stored])
  const dirty = stored !== undefined && Number(percent) !== stored
  useUnsavedChanges(canManage && dirty)
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (save.isPending) return
    save.mutate({ decay_percent: Number(percent) })
  }
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={send} noValidate>
        <Stack gap="xs">
          <Title order={4}>Decay</Title>
          <Text size="sm" c="dimmed">
            Every 30 days a contact's score loses this share, rounded toward zero: at 10%, 15 points become 13 and −7 become −6.
            Points gained in the last 30 days wait for the next round. 0 turns decay off.
          </Text>
          <ErrorAlert error={settings.error || (save.fieldError('decay_percent') ? null : save.error)} />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NumberInput
              label="Decay per 30 days"
              suffix=" %"
              value={percent}
              onChange={setPercent}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              disabled={!canManage || settings.isPending}
              error={save.fieldError('decay_percent')}
              w={180}
            />
            {canManage ? (
              <Button type="submit" loading={save.isPending} disabled={!dirty || percent === ''}>
                Save decay
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** Settings: rules "event → points" that score contacts, and the decay. Admins edit them. */
export function ScoringSettingsPage() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const rules = useScoringRules(ws)
  const remove = useDeleteRule(ws)
  const [modal, setModal] = useState<{ open: boolean; editing: ScoringRule | null }>({ open: false, editing: null })

  const columns: Column<ScoringRule>[] = [
    {
      key: 'event',
      label: 'When',
      primary: true,
      render: (r) => (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {eventInfo(r.event)?.label ?? r.event}
          </Text>
          {r.active ? null : (
            <Badge size="xs" variant="light" color="gray">
              Off
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'match',
      label: 'Matching',
      render: (r) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {what(r)}
        </Text>
      ),
    },
    {
      key: 'points',
      label: 'Points',
      render: (r) => (
        <Text size="sm" fw={600} c={r.points < 0 ? 'red' : 'teal'}>
          {r.points > 0 ? '+' : ''}
          {r.points}
        </Text>
      ),
    },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (r) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setModal({ open: true, editing: r })} aria-label={`Edit rule ${r.id}`}>
            Edit
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            aria-label={`Delete rule ${r.id}`}
            confirmTitle="Delete this rule?"
            confirmText="Scores it gave stay, and so does their history; it gives no more points."
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(r.id)}
          >
            Delete
          </ConfirmButton>
        </Group>
      ),
    })
  }
  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setModal({ open: true, editing: null })}>
      New rule
    </Button>
  ) : null

  return (
    <>
      <PageHeader
        title="Scoring"
        description="Each event on a contact's timeline gives the points of every active rule it matches."
        actions={addButton}
      />
      <Stack gap="lg">
        <div>
          <ErrorAlert error={rules.error || remove.error} />
          {rules.isPending ? (
            <Center py="xl">
              <Loader aria-label="Loading rules" />
            </Center>
          ) : rules.data?.items.length ? (
            <ResponsiveTable caption="Scoring rules" columns={columns} rows={rules.data.items} rowKey={(r) => r.id} />
          ) : (
            <EmptyState
              title="No scoring rules"
              description="Give points for tags, notes, purchases, page visits, forms and custom events."
              action={addButton}
            />
          )}
        </div>
        <DecayForm ws={ws} canManage={canManage} />
      </Stack>
      <RuleFormModal ws={ws} opened={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </>
  )
}
