import { Button, Center } from '@mantine/core'
import { Link } from 'react-router'
import { EmptyState } from '../ui'

export function NotFoundPage() {
  return (
    <Center mih="80dvh" p="md">
      <EmptyState
        title="Page not found"
        description="This address does not lead anywhere in Cardfile."
        action={
          <Button component={Link} to="/" variant="light">
            Go home
          </Button>
        }
      />
    </Center>
  )
}
