import { Button } from '@mantine/core'
import { Link, Outlet } from 'react-router'
import { EmptyState } from '../../ui'
import { useCurrentWorkspace } from './hooks'

/** Child routes only for a workspace the user belongs to. */
export function WorkspaceGate() {
  const ws = useCurrentWorkspace()
  if (!ws) {
    return (
      <EmptyState
        title="Workspace not found"
        description="It does not exist, or you are not a member of it."
        action={
          <Button component={Link} to="/" variant="light">
            Go to my workspaces
          </Button>
        }
      />
    )
  }
  return <Outlet />
}
