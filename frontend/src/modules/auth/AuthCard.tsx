import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconAddressBook } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/** Centered card for the logged-out pages. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Stack w="100%" maw={420} gap="lg">
        <Group gap="xs" justify="center">
          <ThemeIcon size="lg" radius="md">
            <IconAddressBook size={20} />
          </ThemeIcon>
          <Text fw={700} fz="xl">
            Cardfile
          </Text>
        </Group>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', xs: 'xl' }}>
          <Title order={2} fz="h3" mb={4}>
            {title}
          </Title>
          {subtitle ? (
            <Text c="dimmed" size="sm" mb="md">
              {subtitle}
            </Text>
          ) : null}
          {children}
        </Paper>
      </Stack>
    </Center>
  )
}
