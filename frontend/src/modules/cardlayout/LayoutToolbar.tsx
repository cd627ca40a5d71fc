import { Button, Checkbox, Group, Menu, Modal, Stack, Text } from '@mantine/core'
import { IconLayoutDashboard, IconLock, IconLockOpen, IconRestore, IconUpload } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { ErrorAlert } from '../../ui'
import { usePublishCardLayout, useResetCardLayout, type CardLayout } from './hooks'
import { layoutToSave, type WidgetPlace } from './layout'

type Props = {
  ws: number
  /** The layout as the server answered (undefined while loading or when it failed). */
  layout: CardLayout | undefined
  /** What the card shows now (the one an admin publishes). */
  shown: WidgetPlace[]
  isAdmin: boolean
  movable: boolean
  saving: boolean
  ready: boolean
}

/** A line above the widgets: whether the layout is locked, and what one may do with it. */
export function LayoutToolbar({ ws, layout, shown, isAdmin, movable, saving, ready }: Props) {
  const reset = useResetCardLayout(ws)
  const publish = usePublishCardLayout(ws)
  const [publishing, setPublishing] = useState(false)
  const [done, setDone] = useState('')
  useEffect(() => {
    if (!done) return
    const timer = setTimeout(() => setDone(''), 4000)
    return () => clearTimeout(timer)
  }, [done])

  const locked = layout?.locked ?? false
  const mine = layout?.source === 'mine' && !locked
  const lock = (next: boolean) =>
    publish.mutate({ locked: next }, { onSuccess: () => setDone(next ? 'Locked: everyone sees the workspace default.' : 'Unlocked: members may arrange their own card.') })
  const resetMine = () => reset.mutate(undefined, { onSuccess: () => setDone('Back to the workspace default.') })

  const status = locked ? (
    <Group gap={4} wrap="nowrap" c="dimmed">
      <IconLock size={14} aria-hidden />
      <Text size="sm">{isAdmin ? 'Layout locked for members' : 'Layout locked by your admin'}</Text>
    </Group>
  ) : saving ? (
    <Text size="sm" c="dimmed" role="status">
      Saving your layout…
    </Text>
  ) : done ? (
    <Text size="sm" c="dimmed" role="status">
      {done}
    </Text>
  ) : movable ? (
    <Text size="sm" c="dimmed" visibleFrom="sm">
      Drag a widget by its title; resize it from its lower right corner.
    </Text>
  ) : null

  let actions = null
  if (isAdmin && ready) {
    actions = (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconLayoutDashboard size={14} />}>
            Layout
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconRestore size={14} />} disabled={!mine} onClick={resetMine}>
            Reset layout
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>For everyone in this workspace</Menu.Label>
          <Menu.Item leftSection={<IconUpload size={14} />} onClick={() => setPublishing(true)}>
            Publish as default…
          </Menu.Item>
          {locked ? (
            <Menu.Item leftSection={<IconLockOpen size={14} />} onClick={() => lock(false)}>
              Unlock for members
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconLock size={14} />} onClick={() => lock(true)}>
              Lock for members
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    )
  } else if (mine) {
    actions = (
      <Button variant="subtle" size="xs" leftSection={<IconRestore size={14} />} onClick={resetMine} loading={reset.isPending}>
        Reset layout
      </Button>
    )
  }

  return (
    <>
      {status || actions ? (
        <Group justify="space-between" gap="xs" wrap="nowrap" mih={30}>
          <div style={{ minWidth: 0 }}>{status}</div>
          {actions}
        </Group>
      ) : null}
      <ErrorAlert error={reset.error ?? (publishing ? null : publish.error)} />
      <PublishDialog
        opened={publishing}
        onClose={() => setPublishing(false)}
        locked={locked}
        error={publish.error}
        pending={publish.isPending}
        onPublish={(lockIt) =>
          publish.mutate(
            { layout: layoutToSave(shown, layout?.layout ?? []), locked: lockIt },
            {
              onSuccess: () => {
                setPublishing(false)
                setDone(lockIt ? 'Published and locked for members.' : 'Published as the workspace default.')
              },
            },
          )
        }
      />
    </>
  )
}

type DialogProps = {
  opened: boolean
  onClose: () => void
  locked: boolean
  error: unknown
  pending: boolean
  onPublish: (locked: boolean) => void
}

function PublishDialog({ opened, onClose, locked, error, pending, onPublish }: DialogProps) {
  const [lockIt, setLockIt] = useState(locked)
  useEffect(() => {
    if (opened) setLockIt(locked)
  }, [opened, locked])
  return (
    <Modal opened={opened} onClose={onClose} title="Publish as the workspace default" centered>
      <Stack gap="md">
        <Text size="sm">
          The layout on your screen becomes the card of everyone in this workspace who has not arranged their own.
        </Text>
        <Checkbox
          label="Lock for members"
          description="Everyone sees this layout and cannot change their own."
          checked={lockIt}
          onChange={(e) => setLockIt(e.currentTarget.checked)}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => onPublish(lockIt)} loading={pending}>
            Publish
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
