import { Anchor, Center, Grid, Group, Loader, Paper, Progress, Stack, Text, Title, UnstyledButton } from '@mantine/core'
import { Link, useSearchParams } from 'react-router'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar } from '../../ui'
import { useResponsibleContacts, useResponsibles, type Responsible } from './hooks'

const PAGE_SIZE = 25

function MemberBar({ member, max, selected, onSelect }: { member: Responsible; max: number; selected: boolean; onSelect: () => void }) {
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-pressed={selected}
      aria-label={`${member.name}: ${member.contact_count} contact${member.contact_count === 1 ? '' : 's'}`}
      p="xs"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
        display: 'block',
        width: '100%',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {member.name}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {member.email}
          </Text>
        </Stack>
        <Text size="sm" fw={700} style={{ flexShrink: 0 }}>
          {member.contact_count.toLocaleString('en-US')}
        </Text>
      </Group>
      <Progress value={max ? (100 * member.contact_count) / max : 0} size="sm" aria-hidden />
    </UnstyledButton>
  )
}

function MemberContacts({ ws, member, page, onPage }: { ws: number; member: Responsible; page: number; onPage: (page: number) => void }) {
  const contacts = useResponsibleContacts(ws, member.user_id, page, PAGE_SIZE)
  const items = contacts.data?.items ?? []
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label={`Contacts of ${member.name}`}>
      <Title order={3} fz="h4" mb="sm" style={{ overflowWrap: 'anywhere' }}>
        Contacts of {member.name}
      </Title>
      <ErrorAlert error={contacts.error} />
      {contacts.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading contacts" />
        </Center>
      ) : contacts.isError ? null : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {member.name} owns no contact you can see.
        </Text>
      ) : (
        <>
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((c) => (
              <li key={c.id}>
                <Anchor component={Link} to={`/w/${ws}/contacts/${c.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {c.name}
                </Anchor>
                {c.email && c.email !== c.name ? (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {c.email}
                  </Text>
                ) : null}
              </li>
            ))}
          </Stack>
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={contacts.data?.total ?? 0} noun="contacts" onPageChange={onPage} />
        </>
      )}
    </Paper>
  )
}

/** Members with the number of contacts they own (of those I can see); pick one for the list. */
export function ResponsiblesView({ ws }: { ws: number }) {
  const [params, setParams] = useSearchParams()
  const responsibles = useResponsibles(ws)
  const members = responsibles.data?.items ?? []
  const selectedId = Number(params.get('member')) || undefined
  const selected = members.find((m) => m.user_id === selectedId)
  const page = Math.max(1, Number(params.get('page')) || 1)
  const max = Math.max(0, ...members.map((m) => m.contact_count))
  const select = (member: Responsible) => setParams(member.user_id === selectedId ? {} : { member: String(member.user_id) })

  return (
    <Stack>
      <PageHeader title="Responsibles" description="Who owns which contacts. Counts include only contacts you can see." />
      <ErrorAlert error={responsibles.error} />
      {responsibles.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading responsibles" />
        </Center>
      ) : responsibles.isError ? null : members.length === 0 ? (
        <EmptyState title="No members yet" description="Invite members in Settings → Members, then make them owners on a contact’s card." />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder radius="md" p="xs" component="section" aria-label="Members and their contact counts">
              <Stack gap={2}>
                {members.map((m) => (
                  <MemberBar key={m.user_id} member={m} max={max} selected={m.user_id === selectedId} onSelect={() => select(m)} />
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {selected ? (
              <MemberContacts
                ws={ws}
                member={selected}
                page={page}
                onPage={(p) => setParams({ member: String(selected.user_id), page: String(p) })}
              />
            ) : (
              <Text size="sm" c="dimmed" p="sm">
                Choose a member to see their contacts.
              </Text>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  )
}
