import { Anchor, Autocomplete, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core'
import { IconMailOff, IconTag } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ErrorAlert, useSubmitOnce } from '../../ui'
import { useTags } from '../contacts/hooks'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { isActive } from '../jobs/types'
import { BulkReportView } from '../selection/BulkReportView'
import { asReport, useBulkAction, type BulkOutcome } from '../selection/hooks'
import { useStatusTotal } from './hooks'
import { plural } from './types'

const INVALID = { filter: { email_status: 'invalid' as const } }

type Step = { action: 'suppress' | 'add_tag'; phase: 'confirm' | 'result' }

/** "Suppress all invalid" and "Tag all invalid…": one bulk action on every contact (that I may
 * see) whose address is invalid now. A dialog asks first, then turns into the action's report,
 * or its job's progress when it is big. */
export function InvalidActions({ ws }: { ws: number }) {
  const total = useStatusTotal(ws, 'invalid')
  const bulk = useBulkAction(ws)
  const tags = useTags(ws)
  const { submit, pending } = useSubmitOnce()
  const [step, setStep] = useState<Step | null>(null)
  const [tag, setTag] = useState('')
  const [outcome, setOutcome] = useState<{ what: string; result: BulkOutcome } | null>(null)
  const job = useJob(ws, outcome?.result.jobId ?? null)
  const count = total.data ?? 0
  const running = !!job.data && isActive(job.data)
  const report = outcome?.result.report ?? (job.data?.status === 'finished' ? asReport(job.data.result) : null)

  const open = (action: Step['action']) => {
    bulk.reset()
    setStep({ action, phase: 'confirm' })
  }
  const close = () => setStep(null)
  const apply = () => {
    if (!step) return
    const name = tag.trim()
    if (step.action === 'add_tag' && !name) return
    const what = step.action === 'suppress' ? 'Suppress all invalid' : `Tag “${name}” on all invalid`
    const params = step.action === 'suppress' ? {} : { tag: name }
    void submit(async (idempotencyKey) => {
      const result = await bulk.mutateAsync({ body: { action: step.action, params, ...INVALID }, idempotencyKey })
      setOutcome({ what, result })
      setStep({ action: step.action, phase: 'result' }) // the confirm button is gone: a second click sends nothing
    }).catch(() => undefined) // shown in the dialog, under the field it is about
  }

  const result = (titled: boolean) =>
    outcome ? (
      <Stack gap="xs" aria-live="polite">
        {titled ? (
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {outcome.what}
          </Text>
        ) : null}
        {outcome.result.jobId ? job.data ? <JobProgress job={job.data} ws={ws} /> : <Text size="sm">Starting…</Text> : null}
        <ErrorAlert error={job.error} />
        {report ? <BulkReportView report={report} /> : null}
      </Stack>
    ) : null

  if (!count && !outcome) return null
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} aria-label="Invalid addresses" component="section">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" align="center">
          <Text size="sm" style={{ flex: '1 1 240px' }}>
            {count ? (
              <>
                <b>{plural(count, 'contact')}</b> {count === 1 ? 'has' : 'have'} an invalid address now.{' '}
                <Anchor component={Link} to={`/w/${ws}/contacts?email_status=invalid`}>
                  List them
                </Anchor>
              </>
            ) : (
              'No contact has an invalid address now.'
            )}
          </Text>
          {count ? (
            <Group gap="xs">
              <Button variant="light" color="red" leftSection={<IconMailOff size={16} />} onClick={() => open('suppress')} disabled={running}>
                Suppress all invalid
              </Button>
              <Button variant="default" leftSection={<IconTag size={16} />} onClick={() => open('add_tag')} disabled={running}>
                Tag all invalid…
              </Button>
            </Group>
          ) : null}
        </Group>
        {step?.phase !== 'result' ? result(true) : null}
      </Stack>
      <Modal
        opened={!!step}
        onClose={close}
        title={step?.phase === 'result' && outcome ? outcome.what : step?.action === 'add_tag' ? 'Tag all invalid' : 'Suppress all invalid addresses?'}
        centered
      >
        {step?.phase === 'result' ? (
          <Stack>
            {result(false)}
            <Group justify="flex-end">
              <Button onClick={close} variant={running ? 'default' : 'filled'}>
                {running ? 'Close (keeps running)' : 'Done'}
              </Button>
            </Group>
          </Stack>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              apply()
            }}
          >
            <Stack>
              {step?.action === 'add_tag' ? (
                <>
                  <Text size="sm">Adds a tag to the {plural(count, 'contact')} whose address is invalid now, e.g. to find and fix them later.</Text>
                  <ErrorAlert error={bulk.fieldError('params.tag') ? null : bulk.error} />
                  <Autocomplete
                    label="Tag"
                    placeholder="e.g. bad email"
                    data={(tags.data?.items ?? []).map((t) => t.name)}
                    value={tag}
                    onChange={setTag}
                    maxLength={100}
                    error={bulk.fieldError('params.tag')}
                    data-autofocus
                  />
                </>
              ) : (
                <>
                  <Text size="sm">
                    The addresses of {plural(count, 'contact')} go on the suppression list: they are never mailed or imported again, and their status becomes Suppressed. The
                    contacts themselves stay.
                  </Text>
                  <ErrorAlert error={bulk.error} />
                </>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close} disabled={pending}>
                  Cancel
                </Button>
                {step?.action === 'add_tag' ? (
                  <Button type="submit" loading={pending} disabled={!tag.trim()}>
                    Tag {plural(count, 'contact')}
                  </Button>
                ) : (
                  <Button type="submit" color="red" loading={pending} data-autofocus>
                    Suppress {plural(count, 'address', 'addresses')}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Paper>
  )
}
