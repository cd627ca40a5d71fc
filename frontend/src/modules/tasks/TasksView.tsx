import { Anchor, Badge, Center, Group, Loader, Select, Stack, Tabs, Text } from '@mantine/core'
import { Link } from 'react-router'
import { numberParam, textParam, useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, formatDateTime, type Column } from '../../ui'
import { useMe } from '../auth/hooks'
import { useMemberOptions } from '../owners/hooks'
import { useCan } from '../workspaces/hooks'
import { useChangeTask, useTasks, type Task, type TaskStatus } from './hooks'
import { DoneCheckbox, DueText } from './TasksPanel'

const STATUSES: { value: TaskStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'done', label: 'Done' },
]
const ANYONE = 'anyone'
const FILTERS = { status: textParam('status'), assignee: textParam('assignee'), contact: numberParam('contact') }
const EMPTY: Record<TaskStatus, string> = {
  open: 'No open tasks',
  overdue: 'Nothing overdue',
  done: 'No done tasks yet',
}

/** "My tasks" across the workspace (tasks of contacts I can see): tab, assignee and page in the URL. */
export function TasksView({ ws }: { ws: number }) {
  const { query, update } = useListParams<{ status: string; assignee: string; contact: number }>({ filters: FILTERS, sort: '', pageSize: 50 })
  const status: TaskStatus = STATUSES.some((s) => s.value === query.status) ? (query.status as TaskStatus) : 'open'
  const assignee = query.assignee ?? 'me'
  const canEdit = useCan('write_contacts')
  const me = useMe().data?.user.id
  const members = useMemberOptions(ws)
  const tasks = useTasks(ws, {
    status,
    assignee: assignee === ANYONE ? undefined : assignee,
    contact_id: query.contact,
    page: query.page,
    page_size: query.page_size,
  })
  const change = useChangeTask(ws)
  const items = tasks.data?.items ?? []
  const contactName = query.contact ? items[0]?.contact_name : undefined

  const columns: Column<Task>[] = [
    {
      key: 'done',
      label: 'Done',
      width: 56,
      render: (t) => (
        <DoneCheckbox
          task={t}
          disabled={!canEdit || (change.isPending && change.variables?.task.id === t.id)}
          onChange={(done) => change.mutate({ task: t, patch: { done } })}
        />
      ),
    },
    {
      key: 'title',
      label: 'Task',
      primary: true,
      render: (t) => (
        <Stack gap={2}>
          <Text size="sm" fw={600} td={t.done ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {t.title}
          </Text>
          {t.overdue ? (
            <Badge size="xs" color="red" variant="light" w="fit-content">
              Overdue
            </Badge>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'contact',
      label: 'Contact',
      render: (t) => (
        <Anchor component={Link} to={`/w/${ws}/contacts/${t.contact_id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t.contact_name}
        </Anchor>
      ),
    },
    {
      key: 'due',
      label: status === 'done' ? 'Done' : 'Due',
      render: (t) =>
        status === 'done' ? (
          <Text size="sm">{formatDateTime(t.done_at)}</Text>
        ) : t.due_at ? (
          <DueText task={t} />
        ) : (
          <Text size="sm" c="dimmed">
            No due date
          </Text>
        ),
    },
    {
      key: 'assignee',
      label: 'Assignee',
      render: (t) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t.assignee_id === me ? 'You' : (t.assignee_name ?? 'Nobody')}
        </Text>
      ),
    },
  ]

  const assigneeOptions = [{ value: 'me', label: 'Me' }, { value: ANYONE, label: 'Anyone' }, ...members.options.filter((o) => o.value !== String(me))]
  if (!assigneeOptions.some((o) => o.value === assignee)) assigneeOptions.push({ value: assignee, label: `User ${assignee}` })

  return (
    <Stack>
      <PageHeader title="Tasks" description="Tasks on the contacts you can see. Tick one off when it is done." />
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Tabs value={status} onChange={(v) => v && update({ status: v === 'open' ? null : v })}>
          <Tabs.List>
            {STATUSES.map((s) => (
              <Tabs.Tab key={s.value} value={s.value} c={s.value === 'overdue' ? 'red' : undefined}>
                {s.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Select
          label="Assigned to"
          data={assigneeOptions}
          value={assignee}
          onChange={(v) => update({ assignee: !v || v === 'me' ? null : v })}
          allowDeselect={false}
          searchable
          w={{ base: '100%', xs: 260 }}
        />
      </Group>
      {query.contact ? (
        <Group gap="xs">
          <Text size="sm">
            Tasks of {contactName ? <Anchor component={Link} to={`/w/${ws}/contacts/${query.contact}`}>{contactName}</Anchor> : 'one contact'}
          </Text>
          <Anchor component="button" size="sm" onClick={() => update({ contact: null })}>
            Show all contacts
          </Anchor>
        </Group>
      ) : null}
      <ErrorAlert error={tasks.error ?? change.error} />
      {tasks.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading tasks" />
        </Center>
      ) : tasks.isError ? null : items.length === 0 ? (
        <EmptyState
          title={EMPTY[status]}
          description={assignee === 'me' ? 'Tasks assigned to you appear here; add them on a contact’s card.' : 'Add tasks on a contact’s card.'}
        />
      ) : (
        <>
          <ResponsiveTable caption={`${STATUSES.find((s) => s.value === status)!.label} tasks`} columns={columns} rows={items} rowKey={(t) => t.id} />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={tasks.data?.total ?? 0}
            noun="tasks"
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(page_size) => update({ page_size })}
          />
        </>
      )}
    </Stack>
  )
}
