import { Button, Group } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Navigate } from 'react-router'
import { EmptyState } from '../../ui'
import { useMe } from '../auth/hooks'
import { UserMenu } from '../auth/UserMenu'
import { useManagedAgencies } from './hooks'
import { NewWorkspaceModal } from './NewWorkspaceModal'

/** "/" after login: open the first workspace, or offer to create one. */
export function FirstWorkspaceRedirect() {
  const { data: me } = useMe()
  const [opened, { open, close }] = useDisclosure(false)
  const first = me?.workspaces[0]
  const canCreate = useManagedAgencies().length > 0
  if (first) return <Navigate to={`/w/${first.id}/contacts`} replace />
  return (
    <div style={{ maxWidth: 520, margin: '0 auto', padding: 16 }}>
      <Group justify="flex-end" mb="12vh">
        <UserMenu />
      </Group>
      <EmptyState
        title="No workspace yet"
        description={
          canCreate
            ? 'Create a workspace for a client business to start adding contacts.'
            : 'Nobody has given you access to a workspace yet. Ask an admin to invite you.'
        }
        action={canCreate ? <Button onClick={open}>New workspace</Button> : null}
      />
      <NewWorkspaceModal opened={opened} onClose={close} />
    </div>
  )
}
