import { ActionIcon, Anchor, Checkbox, Group, Paper, Stack, Text, Tooltip } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ConfirmButton, ErrorAlert, formatDateTime } from '../../ui'
import { useMe } from '../auth/hooks'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useAddTask, useChangeTask, useTasks, type Task } from './hooks'
import { TaskForm } from './TaskForm'

const SHOWN = 100

/** When it is due, in red when it is overdue. */
export function DueText({ task }: { task: Task }) {
  if (!task.due_at) return null
  return (
    <Text size="xs" c={task.overdue ? 'red' : 'dimmed'} fw={task.overdue ? 600 : undefined} span>
      {task.overdue ? 'Overdue · ' : 'Due '}
      {formatDateTime(task.due_at)}
    </Text>
  )
}

/** The tick that marks a task done (or open again). */
export function DoneCheckbox({ task, disabled, onChange }: { task: Task; disabled?: boolean; onChange: (done: boolean) => void }) {
  return (
    <Checkbox
      mt={2}
      checked={task.done}
      disabled={disabled}
      aria-label={task.done ? `Reopen “${task.title}”` : `Mark “${task.title}” done`}
      onChange={(e) => onChange(e.currentTarget.checked)}
      style={{ flexShrink: 0 }}
    />
  )
}

/** The card's tasks: open ones first by due date (overdue in red), done ones struck through. */
export function TasksPanel({ contactId, workspaceId: ws, canEdit }: CardPanelProps) {
  const me = useMe().data?.user.id ?? null
  const tasks = useTasks(ws, { contact_id: contactId, page_size: SHOWN })
  const add = useAddTask(ws)
  const change = useChangeTask(ws)
  const [editing, setEditing] = useState<number | null>(null)
  const items = tasks.data?.items ?? []
  const total = tasks.data?.total ?? 0

  return (
    <Stack gap="sm">
      {canEdit ? (
        <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-default-hover)">
          <TaskForm
            key={me ?? 'me'}
            workspaceId={ws}
            titleLabel="New task"
            initial={{ title: '', due_at: null, assignee_id: me }}
            submitLabel="Add task"
            error={add.error}
            resetAfterSave
            onSubmit={(fields, idempotencyKey) => add.mutateAsync({ body: { contact_id: contactId, ...fields }, idempotencyKey })}
          />
        </Paper>
      ) : null}
      <ErrorAlert error={tasks.error ?? (editing === null ? change.error : null)} />
      {tasks.isPending ? (
        <Text size="sm" c="dimmed">
          Loading tasks…
        </Text>
      ) : null}
      {tasks.isSuccess && !items.length ? (
        <Text size="sm" c="dimmed">
          No tasks yet.
        </Text>
      ) : null}
      {items.map((task) =>
        editing === task.id ? (
          <Paper key={task.id} withBorder p="sm" radius="sm">
            <TaskForm
              workspaceId={ws}
              initial={{ title: task.title, due_at: task.due_at, assignee_id: task.assignee_id }}
              submitLabel="Save"
              error={change.error}
              onCancel={() => setEditing(null)}
              onSubmit={async (patch) => {
                await change.mutateAsync({ task, patch })
                setEditing(null)
              }}
            />
          </Paper>
        ) : (
          <Paper key={task.id} withBorder p="sm" radius="sm" data-testid="task" style={task.overdue ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <DoneCheckbox task={task} disabled={!canEdit} onChange={(done) => change.mutate({ task, patch: { done } })} />
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" td={task.done ? 'line-through' : undefined} c={task.done ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {task.title}
                </Text>
                <Group gap={6} wrap="wrap">
                  {task.done ? (
                    <Text size="xs" c="dimmed">
                      Done {formatDateTime(task.done_at)}
                    </Text>
                  ) : (
                    <DueText task={task} />
                  )}
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {task.assignee_name ? `· ${task.assignee_id === me ? 'You' : task.assignee_name}` : '· Unassigned'}
                  </Text>
                </Group>
              </Stack>
              {canEdit ? (
                <Group gap={2} wrap="nowrap" style={{ flexShrink: 0 }}>
                  <Tooltip label="Edit">
                    <ActionIcon size="sm" variant="subtle" aria-label={`Edit “${task.title}”`} onClick={() => {
                      change.reset()
                      setEditing(task.id)
                    }}>
                      <IconPencil size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete “${task.title}”`}
                    confirmTitle="Delete this task?"
                    confirmText="The task is removed; the timeline keeps that it was deleted."
                    confirmLabel="Delete"
                    onConfirm={() => change.mutateAsync({ task, remove: true })}
                  >
                    Delete
                  </ConfirmButton>
                </Group>
              ) : null}
            </Group>
          </Paper>
        ),
      )}
      {total > items.length ? (
        <Text size="xs" c="dimmed">
          Showing {items.length} of {total} tasks.{' '}
          <Anchor component={Link} to={`/w/${ws}/tasks?assignee=anyone&contact=${contactId}`} size="xs">
            See them all
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  )
}
