import { Alert, Button, Group, Text } from '@mantine/core'
import { useLocation, useNavigate } from 'react-router'
import { ErrorAlert } from '../../ui'
import { useRestoreContact } from './hooks'

type Deleted = { id: number; name: string }

/** "Deleted Ada Lovelace. Undo" after a delete from the contact card. */
export function DeletedNotice({ ws }: { ws: number }) {
  const location = useLocation()
  const navigate = useNavigate()
  const restore = useRestoreContact(ws)
  const deleted = (location.state as { deleted?: Deleted } | null)?.deleted
  if (!deleted) return null
  const dismiss = () => navigate(location, { replace: true, state: null })
  const undo = () =>
    restore.mutate(deleted.id, { onSuccess: () => navigate(`/w/${ws}/contacts/${deleted.id}`, { replace: true }) })

  return (
    <Alert color="gray" variant="light" mb="sm" role="status" withCloseButton onClose={dismiss}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" style={{ flex: '1 1 12rem' }}>
          Deleted <b>{deleted.name}</b>. It can be restored for 30 days.
        </Text>
        <Button size="xs" variant="default" loading={restore.isPending} onClick={undo} style={{ flexShrink: 0 }}>
          Undo
        </Button>
      </Group>
      <ErrorAlert error={restore.error} />
    </Alert>
  )
}
