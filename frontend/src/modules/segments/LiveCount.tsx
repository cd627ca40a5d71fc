import { Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { errorMessage } from '../../ui'

type Props = {
  count: number | undefined
  /** A request is on its way (or the typing has not settled yet). */
  counting: boolean
  error: unknown
  /** Incomplete rules, not counted yet. */
  skipped: number
  /** No rule at all: everyone matches. */
  empty: boolean
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** "1,234 contacts match", updating as the rules are edited. */
export function LiveCount({ count, counting, error, skipped, empty }: Props) {
  return (
    <Paper withBorder radius="md" p="sm" aria-label="Live count" component="section">
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          {error ? (
            <Text size="sm" c="red" fw={600} role="alert">
              These rules cannot be counted: {errorMessage(error).replace(/^The segment's rules are not valid: /, '')}
            </Text>
          ) : (
            <Group gap={6} align="baseline" wrap="wrap" role="status" aria-live="polite" data-testid="live-count">
              <Text fw={700} fz={32} lh={1.1} style={{ opacity: counting ? 0.5 : 1 }}>
                {count === undefined ? '…' : count.toLocaleString('en-US')}
              </Text>
              <Text size="sm" c="dimmed">
                {count === 1 ? 'contact matches' : 'contacts match'}
              </Text>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {empty
              ? 'No rules yet: every contact you may see.'
              : skipped
                ? `${plural(skipped, 'incomplete rule is', 'incomplete rules are')} not counted yet.`
                : 'Among the contacts you may see; updates as you edit.'}
          </Text>
        </Stack>
        {counting ? <Loader size="xs" aria-label="Counting" /> : null}
      </Group>
    </Paper>
  )
}
