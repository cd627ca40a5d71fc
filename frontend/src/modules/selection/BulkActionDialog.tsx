import { Alert, Autocomplete, Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { ErrorAlert, formatDateTime, useSubmitOnce } from '../../ui'
import { coerceCustom } from '../contacts/draft'
import { CustomFieldInput } from '../contacts/CustomFieldInput'
import { useTags } from '../contacts/hooks'
import { expiryFrom } from '../contacts/TagsPanel'
import type { CustomValue } from '../contacts/types'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { isActive } from '../jobs/types'
import { useMemberOptions } from '../owners/hooks'
import { useContactClasses } from '../settings/classes/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { BulkReportView } from './BulkReportView'
import { asReport, useBulkAction, type BulkAction, type BulkOutcome } from './hooks'
import type { SelectionBody } from './useContactSelection'

const ACTIONS: { value: BulkAction; label: string }[] = [
  { value: 'add_tag', label: 'Add a tag' },
  { value: 'remove_tag', label: 'Remove a tag' },
  { value: 'set_owners', label: 'Set responsible users' },
  { value: 'set_class', label: 'Change contact class' },
  { value: 'set_field', label: 'Set a custom field' },
  { value: 'suppress', label: 'Suppress their addresses (never mailed)' },
  { value: 'delete', label: 'Delete contacts' },
  { value: 'restore', label: 'Restore deleted contacts' },
]

const EXPIRY = [
  { value: '', label: 'Keep until removed' },
  { value: '7', label: 'For 7 days' },
  { value: '30', label: 'For 30 days' },
  { value: '90', label: 'For 90 days' },
  { value: 'custom', label: 'Until a date…' },
]

type OwnersMode = 'add' | 'remove' | 'replace'

type Props = {
  ws: number
  opened: boolean
  onClose: () => void
  /** {ids} or {filter}; null: nothing selected. */
  selection: SelectionBody | null
  count: number
  /** What is selected, in words ("12 selected contacts", "all 240 matching “ada”"). */
  description: string
  onClearSelection?: () => void
}

const plural = (n: number) => `${n.toLocaleString('en-US')} contact${n === 1 ? '' : 's'}`

/** Choose one action for the selected contacts, confirm it, then see its exact report (at once, or
 * when the job it became finishes). */
export function BulkActionDialog({ ws, opened, onClose, selection, count, description, onClearSelection }: Props) {
  const qc = useQueryClient()
  const bulk = useBulkAction(ws)
  const { submit, pending } = useSubmitOnce()
  const tags = useTags(ws)
  const members = useMemberOptions(ws)
  const classes = useContactClasses(ws)
  const fields = useCustomFields(ws)

  const [step, setStep] = useState<'choose' | 'confirm' | 'result'>('choose')
  const [action, setAction] = useState<BulkAction>('add_tag')
  const [tag, setTag] = useState('')
  const [expiry, setExpiry] = useState('')
  const [until, setUntil] = useState('')
  const [owners, setOwners] = useState<string[]>([])
  const [ownersMode, setOwnersMode] = useState<OwnersMode>('add')
  const [classId, setClassId] = useState<string | null>(null)
  const [fieldKey, setFieldKey] = useState<string | null>(null)
  const [fieldValue, setFieldValue] = useState<CustomValue | ''>('')
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null)
  const job = useJob(ws, outcome?.jobId ?? null)

  const jobEnded = job.data && !isActive(job.data) ? job.data.id : null
  useEffect(() => {
    // Owners, classes, fields and the trash may have changed too, not only contacts and tags.
    if (jobEnded) void qc.invalidateQueries({ queryKey: ['ws', ws] })
  }, [jobEnded, qc, ws])

  const field = (fields.data?.items ?? []).find((f) => f.key === fieldKey)
  const className = (classes.data?.items ?? []).find((c) => String(c.id) === classId)?.name
  const ownerNames = owners.map((id) => members.options.find((o) => o.value === id)?.label ?? `#${id}`)

  const close = () => {
    bulk.reset()
    setStep('choose')
    setOutcome(null)
    setTag('')
    setExpiry('')
    setUntil('')
    setOwners([])
    setClassId(null)
    setFieldKey(null)
    setFieldValue('')
    onClose()
  }

  const params = (): Record<string, unknown> => {
    switch (action) {
      case 'add_tag':
        return { tag: tag.trim(), expires_at: expiryFrom(expiry, until) }
      case 'remove_tag':
        return { tag: tag.trim() }
      case 'set_owners':
        return { user_ids: owners.map(Number), mode: ownersMode }
      case 'set_class':
        return { contact_class_id: Number(classId) }
      case 'set_field':
        return { key: fieldKey, value: field ? coerceCustom(field, fieldValue) : null }
      default:
        return {}
    }
  }

  const ready =
    !!selection &&
    ((action === 'add_tag' && !!tag.trim() && (expiry !== 'custom' || !!until)) ||
      (action === 'remove_tag' && !!tag.trim()) ||
      (action === 'set_owners' && (owners.length > 0 || ownersMode === 'replace')) ||
      (action === 'set_class' && !!classId) ||
      (action === 'set_field' && !!field) ||
      action === 'delete' ||
      action === 'suppress' ||
      action === 'restore')

  const sentence = (): string => {
    switch (action) {
      case 'add_tag': {
        const at = expiryFrom(expiry, until)
        return `Add the tag “${tag.trim()}”${at ? ` until ${formatDateTime(at)}` : ''}`
      }
      case 'remove_tag':
        return `Remove the tag “${tag.trim()}”`
      case 'set_owners':
        if (ownersMode === 'replace') return owners.length ? `Make ${ownerNames.join(', ')} the only responsible users` : 'Remove every responsible user'
        return ownersMode === 'add' ? `Add ${ownerNames.join(', ')} as responsible` : `Remove ${ownerNames.join(', ')} from the responsible users`
      case 'set_class':
        return `Move to the class “${className ?? ''}”`
      case 'set_field': {
        const v = field ? coerceCustom(field, fieldValue) : null
        const shown = Array.isArray(v) ? v.join(', ') : v === true ? 'yes' : v === false ? 'no' : v
        return v === null || shown === '' ? `Clear “${field?.label}”` : `Set “${field?.label}” to “${shown}”`
      }
      case 'delete':
        return 'Delete (restorable from the trash for 30 days)'
      case 'suppress':
        return 'Put their addresses on the suppression list (they are never mailed or imported again)'
      default:
        return 'Restore from the trash'
    }
  }

  const apply = () => {
    if (!selection) return
    void submit(async (idempotencyKey) => {
      const result = await bulk.mutateAsync({ body: { action, params: params(), ...selection }, idempotencyKey })
      setOutcome(result)
      setStep('result')
    }).catch(() => setStep('choose')) // errors show under their fields
  }

  const fe = (name: string) => bulk.fieldError(`params.${name}`) ?? bulk.fieldError(name)
  const fieldErrorShown = ['params.tag', 'params.expires_at', 'params.user_ids', 'params.mode', 'params.contact_class_id', 'params.key', 'params.value'].some(
    (f) => bulk.fieldError(f),
  )
  const valueError = fe('value') ?? (fieldKey ? bulk.fieldError(`custom.${fieldKey}`) : undefined)
  const finalReport = outcome?.report ?? (job.data?.status === 'finished' ? asReport(job.data.result) : null)
  const running = !!job.data && isActive(job.data)

  return (
    <Modal opened={opened} onClose={close} title="Bulk action" centered size="lg">
      {step === 'result' ? (
        <Stack>
          {outcome?.jobId ? (
            job.data ? (
              <JobProgress job={job.data} ws={ws} />
            ) : (
              <Text size="sm">Starting…</Text>
            )
          ) : null}
          <ErrorAlert error={job.error} />
          {finalReport ? <BulkReportView report={finalReport} /> : null}
          <Group justify="flex-end">
            {onClearSelection && !running ? (
              <Button
                variant="default"
                onClick={() => {
                  onClearSelection()
                  close()
                }}
              >
                Clear selection
              </Button>
            ) : null}
            <Button onClick={close} variant={running ? 'default' : 'filled'}>
              {running ? 'Close (keeps running)' : 'Done'}
            </Button>
          </Group>
        </Stack>
      ) : step === 'confirm' ? (
        <Stack>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {sentence()}: <b>{plural(count)}</b> ({description}).
          </Text>
          {action === 'delete' ? (
            <Alert color="red" variant="light">
              Deleted contacts leave the list and every count; an admin can restore them from the trash for 30 days.
            </Alert>
          ) : action === 'suppress' ? (
            <Alert color="orange" variant="light">
              This cannot be undone: the addresses stay on the suppression list (Settings › Privacy shows it).
            </Alert>
          ) : null}
          <Text size="xs" c="dimmed">
            Contacts you can no longer see when it runs are skipped and counted as such.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('choose')} disabled={pending}>
              Back
            </Button>
            <Button color={action === 'delete' ? 'red' : action === 'suppress' ? 'orange' : undefined} loading={pending} onClick={apply}>
              Apply to {plural(count)}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (ready) setStep('confirm')
          }}
        >
          <Stack>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              For {description}.
            </Text>
            <ErrorAlert error={fieldErrorShown ? null : bulk.error} />
            <Select
              label="Action"
              data={ACTIONS}
              value={action}
              onChange={(v) => {
                if (v) setAction(v as BulkAction)
                bulk.reset()
              }}
              allowDeselect={false}
              error={bulk.fieldError('action')}
            />
            {action === 'add_tag' || action === 'remove_tag' ? (
              <Autocomplete
                label="Tag"
                placeholder="e.g. newsletter"
                data={(tags.data?.items ?? []).map((t) => t.name)}
                value={tag}
                onChange={setTag}
                maxLength={100}
                error={fe('tag')}
                data-autofocus
              />
            ) : null}
            {action === 'add_tag' ? (
              <>
                <Select label="How long" data={EXPIRY} value={expiry} onChange={(v) => setExpiry(v ?? '')} allowDeselect={false} />
                {expiry === 'custom' ? (
                  <TextInput type="datetime-local" label="Comes off at" value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={fe('expires_at')} />
                ) : fe('expires_at') ? (
                  <Text size="sm" c="red">
                    {fe('expires_at')}
                  </Text>
                ) : null}
              </>
            ) : null}
            {action === 'set_owners' ? (
              <>
                <SegmentedControl
                  aria-label="How to change the responsible users"
                  value={ownersMode}
                  onChange={(v) => setOwnersMode(v as OwnersMode)}
                  data={[
                    { value: 'add', label: 'Add' },
                    { value: 'remove', label: 'Remove' },
                    { value: 'replace', label: 'Replace' },
                  ]}
                  fullWidth
                />
                <MultiSelect
                  label="Responsible users"
                  data={members.options}
                  value={owners}
                  onChange={setOwners}
                  searchable
                  placeholder={owners.length ? undefined : ownersMode === 'replace' ? 'Nobody' : 'Choose…'}
                  error={fe('user_ids') ?? fe('mode')}
                />
              </>
            ) : null}
            {action === 'set_class' ? (
              <Select
                label="Contact class"
                data={(classes.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
                value={classId}
                onChange={setClassId}
                placeholder="Choose…"
                error={fe('contact_class_id')}
              />
            ) : null}
            {action === 'set_field' ? (
              <>
                <Select
                  label="Custom field"
                  data={(fields.data?.items ?? []).map((f) => ({ value: f.key, label: f.label }))}
                  value={fieldKey}
                  onChange={(k) => {
                    setFieldKey(k)
                    setFieldValue('')
                  }}
                  placeholder={fields.data?.items.length === 0 ? 'No custom fields yet' : 'Choose…'}
                  error={fe('key')}
                />
                {field ? <CustomFieldInput field={{ ...field, label: field.type === 'boolean' ? field.label : `${field.label}: new value (empty clears it)` }} value={fieldValue} onChange={setFieldValue} error={valueError} /> : null}
              </>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={!ready}>
                Continue
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
