import { Button, Center, Code, Stack, Text, Title } from '@mantine/core'
import { isRouteErrorResponse, useRouteError } from 'react-router'

/** Shown instead of a blank page when rendering a route throws. */
export function RouteError() {
  const error = useRouteError()
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error)
  return (
    <Center mih="80dvh" p="md">
      <Stack align="center" maw={480} ta="center">
        <Title order={2}>Something went wrong</Title>
        <Text c="dimmed">This page failed to load. Reloading usually helps.</Text>
        <Code block>{detail}</Code>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  )
}
