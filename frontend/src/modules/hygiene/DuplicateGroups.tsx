import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { contactName } from '../contacts/types'
import { MergeDialog } from '../merge/MergeDialog'
import { hygieneKey } from './hooks'
import { DUPLICATE_KIND, n, type HygieneDuplicate } from './types'

const wrap = { overflowWrap: 'anywhere' } as const

/** The run's duplicate groups: exact ones and possible (Gmail) ones. Nothing is merged by
 * itself: each group opens the merge dialog, and the Duplicates page has the rest. */
export function DuplicateGroups({ ws, groups, canMerge }: { ws: number; groups: HygieneDuplicate[]; canMerge: boolean }) {
  const qc = useQueryClient()
  const [merging, setMerging] = useState<number[] | null>(null)
  const exact = groups.filter((g) => g.kind === 'duplicate').length
  const possible = groups.length - exact
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} fz="h4">
            Duplicate addresses
          </Title>
          <Text size="xs" c="dimmed">
            {groups.length
              ? `${n(exact)} with the same address, ${n(possible)} possibly the same Gmail mailbox. Nothing is merged automatically.`
              : 'No two contacts share an address. Nothing is ever merged automatically.'}
          </Text>
        </div>
        <Anchor component={Link} to={`/w/${ws}/duplicates?reason=email`} size="sm">
          All duplicates (email, phone, name)
        </Anchor>
      </Group>
      {groups.length ? (
        <Stack gap="xs">
          {groups.map((g) => {
            const kind = DUPLICATE_KIND[g.kind]
            const hidden = g.size - g.contacts.length
            return (
              <Paper key={`${g.kind}-${g.key}`} withBorder radius="md" p="sm" data-testid="hygiene-duplicate" bg="gray.0">
                <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
                  <Group gap="xs" style={{ minWidth: 0 }}>
                    <Badge variant="light" color={g.kind === 'duplicate' ? 'blue' : 'orange'} tt="none" title={kind.hint}>
                      {kind.label}
                    </Badge>
                    <Text size="sm" fw={600} style={wrap}>
                      {g.key}
                    </Text>
                  </Group>
                  {canMerge ? (
                    <Button size="xs" variant="light" onClick={() => setMerging(g.contacts.map((c) => c.id))}>
                      Merge…
                    </Button>
                  ) : null}
                </Group>
                <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {g.contacts.map((c) => (
                    <li key={c.id}>
                      <Anchor component={Link} to={`/w/${ws}/contacts/${c.id}`} size="sm" style={wrap}>
                        {contactName({ first_name: c.first_name, last_name: c.last_name, email: c.email, phone: null })}
                      </Anchor>
                      {c.first_name || c.last_name ? (
                        <Text span size="xs" c="dimmed" style={wrap}>
                          {' '}
                          · {c.email}
                        </Text>
                      ) : null}
                    </li>
                  ))}
                </Stack>
                {hidden > 0 ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    and {n(hidden)} more
                  </Text>
                ) : null}
                {g.kind === 'possible_duplicate' ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {kind.hint}
                  </Text>
                ) : null}
              </Paper>
            )
          })}
        </Stack>
      ) : null}
      <MergeDialog
        ws={ws}
        ids={merging ?? []}
        opened={!!merging}
        onClose={() => setMerging(null)}
        onMerged={() => {
          setMerging(null)
          void qc.invalidateQueries({ queryKey: hygieneKey(ws) })
        }}
      />
    </Paper>
  )
}
