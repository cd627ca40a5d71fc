import { Button, Group, Indicator, Menu, Text } from '@mantine/core'
import { useNavigate } from 'react-router'
import { useAnswerInvitation, useMyInvitations } from './hooks'

/** Pending invitations in the account menu: accept opens the workspace; decline removes it. */
export function InvitationsMenuItems() {
  const invitations = useMyInvitations()
  const answer = useAnswerInvitation()
  const navigate = useNavigate()
  const items = invitations.data ?? []
  if (!items.length) return null
  return (
    <>
      <Menu.Label>Invitations</Menu.Label>
      {items.map((inv) => (
        <div key={inv.id} style={{ padding: '4px 12px 8px' }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {inv.workspace_name ?? `${inv.agency_name} (agency)`}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            from {inv.invited_by} · as {inv.role}
          </Text>
          <Group gap="xs">
            <Button
              size="compact-xs"
              loading={answer.isPending && answer.variables?.id === inv.id && answer.variables.accept}
              onClick={() =>
                answer.mutate(
                  { id: inv.id, accept: true },
                  { onSuccess: (r) => navigate(r?.workspace_id ? `/w/${r.workspace_id}/contacts` : `/agency/${inv.agency_id}`) },
                )
              }
            >
              Accept
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => answer.mutate({ id: inv.id, accept: false })}>
              Decline
            </Button>
          </Group>
        </div>
      ))}
      <Menu.Divider />
    </>
  )
}

/** The avatar's badge: how many invitations wait for an answer. */
export function InvitationsIndicator({ children }: { children: React.ReactNode }) {
  const count = useMyInvitations().data?.length ?? 0
  return (
    <Indicator label={count} size={16} disabled={!count} color="orange" offset={4} aria-label={count ? `${count} invitations` : undefined}>
      {children}
    </Indicator>
  )
}
