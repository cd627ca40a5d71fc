import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconInbox } from '@tabler/icons-react'
import type { ReactNode } from 'react'

type Props = { title: string; description?: ReactNode; action?: ReactNode; icon?: ReactNode }

export function EmptyState({ title, description, action, icon }: Props) {
  return (
    <Paper withBorder radius="md" p="xl" role="status">
      <Stack align="center" gap="xs" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light">
          {icon ?? <IconInbox size={26} />}
        </ThemeIcon>
        <Title order={4}>{title}</Title>
        {description ? (
          <Text c="dimmed" size="sm" maw={420}>
            {description}
          </Text>
        ) : null}
        {action}
      </Stack>
    </Paper>
  )
}
