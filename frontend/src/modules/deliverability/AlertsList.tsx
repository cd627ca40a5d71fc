import { Badge, Group, Paper, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../../ui'
import type { DeliverabilityAlert } from './hooks'
import { alertKindLabel } from './labels'

const WRAP = { overflowWrap: 'anywhere' } as const

/** Open alerts first (as the API sends them), then resolved ones with how they were resolved. */
export function AlertsList({ alerts, names }: { alerts: DeliverabilityAlert[]; names: Map<number, string> }) {
  if (!alerts.length) {
    return (
      <Text size="sm" c="dimmed">
        No alerts: nothing has gone wrong so far. You and the agency get an email when something does.
      </Text>
    )
  }
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Alerts">
      {alerts.map((a) => {
        const open = !a.resolved_at
        const by = a.resolved_by !== null ? names.get(a.resolved_by) : undefined
        return (
          <Paper
            key={a.id}
            component="li"
            withBorder
            radius="md"
            p="sm"
            data-testid={`alert-${a.id}`}
            data-open={open}
            style={open ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
          >
            <Stack gap={4}>
              <Group gap="xs" wrap="wrap">
                <Badge size="sm" color={open ? 'red' : 'gray'} variant={open ? 'filled' : 'light'}>
                  {open ? 'Open' : 'Resolved'}
                </Badge>
                <Text size="sm" fw={600}>
                  {alertKindLabel(a.kind)}
                </Text>
                {a.subject && a.subject !== 'workspace' ? (
                  <Text size="sm" c="dimmed" style={WRAP}>
                    {a.subject}
                  </Text>
                ) : null}
                {a.pauses ? (
                  <Badge size="sm" color="orange" variant="light">
                    Paused sending
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" style={WRAP}>
                {a.message}
              </Text>
              <Text size="xs" c="dimmed">
                Raised {formatDateTime(a.created_at)}
              </Text>
              {!open ? (
                <Text size="sm" style={WRAP} data-testid={`alert-${a.id}-resolution`}>
                  <Text span size="sm" fw={600}>
                    Resolved {formatDateTime(a.resolved_at)}
                    {by ? ` by ${by}` : a.resolved_by === null ? '' : ' by an admin'}
                    {a.resolution ? ': ' : '.'}
                  </Text>
                  {a.resolution ? (a.resolved_by === null ? a.resolution : `“${a.resolution}”`) : null}
                </Text>
              ) : null}
            </Stack>
          </Paper>
        )
      })}
    </Stack>
  )
}
