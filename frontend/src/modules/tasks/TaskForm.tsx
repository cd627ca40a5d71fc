import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { isApiError } from '../../api/errors'
import { ErrorAlert, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { useMemberOptions } from '../owners/hooks'
import { fromLocalInput, toLocalInput, type TaskFields } from './hooks'

const NOBODY = 'nobody'
const FIELDS = ['title', 'due_at', 'assignee_id'] as const

type Props = {
  workspaceId: number
  /** Editing: the task's values; adding: the assignee to start with (usually me). */
  initial: TaskFields
  submitLabel: string
  /** The error of the last save (422: shown at its fields). */
  error: unknown
  onSubmit: (fields: TaskFields, idempotencyKey: string) => Promise<unknown>
  onCancel?: () => void
  /** Empty the form after a save (adding several tasks in a row). */
  resetAfterSave?: boolean
  titleLabel?: string
}

/** Title, due date-time (in the browser's time zone) and assignee (a member, or nobody). */
export function TaskForm({ workspaceId, initial, submitLabel, error, onSubmit, onCancel, resetAfterSave, titleLabel = 'Title' }: Props) {
  const members = useMemberOptions(workspaceId)
  const [title, setTitle] = useState(initial.title)
  const [due, setDue] = useState(toLocalInput(initial.due_at))
  const [assignee, setAssignee] = useState(initial.assignee_id === null ? NOBODY : String(initial.assignee_id))
  const { submit, pending } = useSubmitOnce()
  const initialDue = toLocalInput(initial.due_at)
  useUnsavedChanges(!pending && (title !== initial.title || due !== initialDue) && !!title.trim())

  const fieldError = (name: string) => (isApiError(error) ? error.fieldError(name) : undefined)
  const general = error && !FIELDS.some((f) => fieldError(f)) ? error : null
  // The assignee may be someone no longer listed (a former member): keep them choosable.
  const options = [{ value: NOBODY, label: 'Nobody' }, ...members.options]
  if (assignee !== NOBODY && !options.some((o) => o.value === assignee)) options.push({ value: assignee, label: `User ${assignee}` })

  const save = (e: React.FormEvent) => {
    e.preventDefault()
    if (!title.trim()) return
    void submit(async (key) => {
      await onSubmit({ title: title.trim(), due_at: fromLocalInput(due), assignee_id: assignee === NOBODY ? null : Number(assignee) }, key)
      if (resetAfterSave) {
        setTitle('')
        setDue('')
      }
    }).catch(() => undefined)
  }

  return (
    <form onSubmit={save} noValidate>
      <Stack gap={6}>
        <TextInput
          label={titleLabel}
          placeholder="What needs doing?"
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError('title')}
          required
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing={6}>
          <TextInput
            type="datetime-local"
            label="Due"
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={fieldError('due_at')}
          />
          <Select
            label="Assignee"
            data={options}
            value={assignee}
            onChange={(v) => setAssignee(v ?? NOBODY)}
            allowDeselect={false}
            searchable
            nothingFoundMessage="No such member"
            error={fieldError('assignee_id') ?? (members.error ? 'The members could not be loaded.' : undefined)}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <ErrorAlert error={general} />
        <Group justify="flex-end" gap="xs">
          {onCancel ? (
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" size="xs" loading={pending} disabled={!title.trim()}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
