import { Button } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Navigate } from 'react-router'
import { EmptyState } from '../../ui'
import { useMe } from '../auth/hooks'
import { NewWorkspaceModal } from './NewWorkspaceModal'

/** "/" after login: open the first workspace, or offer to create one. */
export function FirstWorkspaceRedirect() {
  const { data: me } = useMe()
  const [opened, { open, close }] = useDisclosure(false)
  const first = me?.workspaces[0]
  if (first) return <Navigate to={`/w/${first.id}/contacts`} replace />
  return (
    <div style={{ maxWidth: 520, margin: '15vh auto', padding: 16 }}>
      <EmptyState
        title="No workspace yet"
        description="Create a workspace for a client business to start adding contacts."
        action={<Button onClick={open}>New workspace</Button>}
      />
      <NewWorkspaceModal opened={opened} onClose={close} />
    </div>
  )
}
