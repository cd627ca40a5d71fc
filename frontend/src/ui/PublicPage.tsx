import { Center, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** Long names and addresses (Polish, Cyrillic, e-mail) break anywhere rather than overflow. */
export const WRAP = { overflowWrap: 'anywhere' } as const

/** The frame of the pages people reach without logging in (booking, preferences): centred,
 *  one card, the workspace's name above it. `wide`: room for a month and its times. */
export function PublicShell({ title, wide, children }: { title?: string; wide?: boolean; children: ReactNode }) {
  return (
    <Center mih="100dvh" p={{ base: 'xs', xs: 'md' }} bg="gray.0" style={{ alignItems: 'flex-start' }}>
      <Stack w="100%" maw={wide ? 800 : 580} gap="md" py={{ base: 'sm', sm: 'xl' }}>
        {title ? (
          <Text ta="center" fw={700} fz="lg" c="dimmed" style={WRAP}>
            {title}
          </Text>
        ) : null}
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', xs: 'xl' }}>
          {children}
        </Paper>
      </Stack>
    </Center>
  )
}

export function PublicLoading({ label }: { label: string }) {
  return (
    <PublicShell>
      <Center py="lg">
        <Loader aria-label={label} />
      </Center>
    </PublicShell>
  )
}

/** A public page that cannot be shown: a missing page, an expired link. */
export function PublicProblem({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <PublicShell>
      <Stack align="center" ta="center" gap="sm">
        {icon}
        <Title order={1} fz="h3">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      </Stack>
    </PublicShell>
  )
}
