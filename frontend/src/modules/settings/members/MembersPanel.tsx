import { Alert, Badge, Button, Center, Group, Loader, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ConfirmButton, ErrorAlert, PageHeader, ResponsiveTable, type Column } from '../../../ui'
import { useMe } from '../../auth/hooks'
import { useCan, useWorkspaceId } from '../../workspaces/hooks'
import { useContactClasses } from '../classes/hooks'
import { EditMemberModal } from './EditMemberModal'
import { useMembers, useRemoveMember, useResendInvitation } from './hooks'
import { InviteMemberModal } from './InviteMemberModal'
import type { Member } from './types'

const ROLE_COLOR: Record<string, string> = { admin: 'grape', member: 'blue', viewer: 'gray' }

export function MembersPanel() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const members = useMembers(ws)
  const classes = useContactClasses(ws)
  const remove = useRemoveMember(ws)
  const resend = useResendInvitation(ws)
  const { data: me } = useMe()
  const [inviteOpen, invite] = useDisclosure(false)
  const [editing, setEditing] = useState<Member | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const classList = classes.data?.items ?? []
  const className = (id: number) => classList.find((c) => c.id === id)?.name
  // Classes the viewer may not see are counted, never named (not even as ids).
  const hiddenCount = (ids: number[]) => ids.filter((id) => !className(id)).length

  const columns: Column<Member>[] = [
    {
      key: 'name',
      label: 'Member',
      primary: true,
      render: (m) => (
        <div>
          <Text size="sm" fw={600}>
            {m.name || m.email}
            {m.user_id === me?.user.id ? <Text span c="dimmed" size="xs"> (you)</Text> : null}
          </Text>
          {m.name ? <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{m.email}</Text> : null}
        </div>
      ),
    },
    {
      key: 'role',
      label: 'Role',
      render: (m) => (
        <Group gap={6}>
          <Badge variant="light" color={ROLE_COLOR[m.role] ?? 'gray'}>
            {m.role}
          </Badge>
          {m.status === 'invited' ? (
            <Badge variant="outline" color="orange">
              invited
            </Badge>
          ) : null}
          {m.invitation_failed ? (
            <Badge variant="filled" color="red" tt="none">
              Invitation email failed
            </Badge>
          ) : null}
          {m.via_agency ? (
            <Badge variant="outline" color="gray" tt="none" title="Agency owners and admins are admins of every workspace of the agency">
              via agency
            </Badge>
          ) : null}
        </Group>
      ),
    },
    {
      key: 'classes',
      label: 'Contacts',
      render: (m) =>
        m.all_contacts ? (
          <Text size="sm">All contacts</Text>
        ) : m.contact_class_ids.length ? (
          <Group gap={4}>
            {m.contact_class_ids.flatMap((id) => {
              const name = className(id)
              return name ? [<Badge key={id} variant="outline" color="gray" tt="none">{name}</Badge>] : []
            })}
            {hiddenCount(m.contact_class_ids) ? (
              <Text size="xs" c="dimmed">
                {hiddenCount(m.contact_class_ids) === 1 ? '1 hidden class' : `${hiddenCount(m.contact_class_ids)} hidden classes`}
              </Text>
            ) : null}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">No classes</Text>
        ),
    },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (m) =>
        m.via_agency ? (
          <Text size="xs" c="dimmed">
            Managed by the agency
          </Text>
        ) : (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setEditing(m)} aria-label={`Edit ${m.email}`}>
            Edit
          </Button>
          {m.status === 'invited' ? (
            <Button
              size="xs"
              variant="light"
              loading={resend.isPending && resend.variables === m.user_id}
              onClick={() => resend.mutate(m.user_id, { onSuccess: () => setNotice(`Invitation sent again to ${m.email}.`) })}
              aria-label={`Resend invitation to ${m.email}`}
            >
              Resend
            </Button>
          ) : null}
          {m.user_id !== me?.user.id ? (
            <ConfirmButton
              size="xs"
              variant="subtle"
              aria-label={`${m.status === 'invited' ? 'Revoke invitation of' : 'Remove'} ${m.email}`}
              confirmTitle={m.status === 'invited' ? 'Revoke invitation?' : 'Remove member?'}
              confirmText={
                m.status === 'invited'
                  ? `The invitation link sent to ${m.email} will stop working.`
                  : `${m.email} will lose access to this workspace.`
              }
              confirmLabel={m.status === 'invited' ? 'Revoke' : 'Remove'}
              onConfirm={() => remove.mutateAsync(m.user_id)}
            >
              {m.status === 'invited' ? 'Revoke' : 'Remove'}
            </ConfirmButton>
          ) : null}
        </Group>
        ),
    })
  }

  return (
    <>
      <PageHeader
        title="Members"
        description="Who can use this workspace, with which role, and which contact classes they see."
        actions={
          canManage ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open}>
              Invite member
            </Button>
          ) : null
        }
      />
      {notice ? (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} mb="sm" role="status">
          {notice}
        </Alert>
      ) : null}
      <ErrorAlert error={members.error || remove.error || resend.error} />
      {members.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading members" />
        </Center>
      ) : (
        <ResponsiveTable caption="Members" columns={columns} rows={members.data?.items ?? []} rowKey={(m) => m.user_id} />
      )}
      <InviteMemberModal
        ws={ws}
        opened={inviteOpen}
        onClose={invite.close}
        classes={classList}
        onInvited={(email) =>
          setNotice(`Invitation sent to ${email}. They join once they accept it.`)
        }
      />
      <EditMemberModal ws={ws} member={editing} onClose={() => setEditing(null)} classes={classList} />
    </>
  )
}
