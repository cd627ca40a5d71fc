import { Alert, Anchor, Badge, Button, Center, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { isApiError } from '../../api/errors'
import { ConfirmButton, ErrorAlert, PageHeader, ResponsiveTable, useSubmitOnce, type Column } from '../../ui'
import { useMe } from '../auth/hooks'

type Staff = { user_id: number; email: string; name: string; role: string; status: string; invitation_failed: boolean }
const ROLES = [
  { value: 'owner', label: 'Owner — everything, including owners' },
  { value: 'admin', label: 'Admin — admin of every workspace' },
  { value: 'staff', label: 'Staff — only workspaces they are added to' },
]
const ROLE_COLOR: Record<string, string> = { owner: 'grape', admin: 'blue', staff: 'gray' }

function useAgency(id: number) {
  return useQuery({
    queryKey: ['agency', id],
    queryFn: async () => (await api.GET('/api/v1/agencies/{agency_id}', { params: { path: { agency_id: id } } })).data!,
  })
}

function useStaff(id: number) {
  return useQuery({
    queryKey: ['agency', id, 'staff'],
    queryFn: async () =>
      (await api.GET('/api/v1/agencies/{agency_id}/staff', { params: { path: { agency_id: id }, query: { page_size: 200 } } })).data!,
  })
}

function useStaffChange(id: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (change: { user_id: number; role?: string; remove?: boolean }) => {
      const path = { agency_id: id, user_id: change.user_id }
      if (change.remove) await api.DELETE('/api/v1/agencies/{agency_id}/staff/{user_id}', { params: { path } })
      else await api.PATCH('/api/v1/agencies/{agency_id}/staff/{user_id}', { params: { path }, body: { role: change.role as 'staff' } })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['agency', id] }),
  })
}

function InviteStaffModal({ agencyId, opened, onClose }: { agencyId: number; opened: boolean; onClose: (sentTo?: string) => void }) {
  const qc = useQueryClient()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<string | null>('staff')
  const { submit, pending } = useSubmitOnce()
  const invite = useMutation({
    mutationFn: async (key: string) =>
      (
        await api.POST('/api/v1/agencies/{agency_id}/staff', {
          params: { path: { agency_id: agencyId } },
          body: { email: email.trim(), role: (role ?? 'staff') as 'staff' },
          headers: { 'Idempotency-Key': key },
        })
      ).data!,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['agency', agencyId] }),
  })
  const err = isApiError(invite.error) ? invite.error : null
  return (
    <Modal opened={opened} onClose={() => onClose()} title="Invite to the agency" centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void submit(async (key) => {
            const done = await invite.mutateAsync(key).catch(() => null)
            if (!done) return
            setEmail('')
            invite.reset()
            onClose(done.email)
          })
        }}
      >
        <Stack>
          <ErrorAlert error={err && !err.fieldError('email') && !err.fieldError('role') ? err : null} />
          <TextInput label="Email" type="email" maxLength={254} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err?.fieldError('email')} data-autofocus />
          <Select label="Role" data={ROLES} value={role} onChange={setRole} allowDeselect={false} error={err?.fieldError('role')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** An agency: its client workspaces and its staff (owners and admins manage the staff). */
export function AgencyView({ agencyId }: { agencyId: number }) {
  const agency = useAgency(agencyId)
  const staff = useStaff(agencyId)
  const change = useStaffChange(agencyId)
  const { data: me } = useMe()
  const [inviting, setInviting] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  if (agency.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the agency" />
      </Center>
    )
  }
  if (agency.error) return <ErrorAlert error={agency.error} title="Agency not found" />
  const a = agency.data
  const columns: Column<Staff>[] = [
    {
      key: 'who',
      label: 'Person',
      primary: true,
      render: (s) => (
        <div>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {s.name}
            {s.user_id === me?.user.id ? <Text span c="dimmed" size="xs"> (you)</Text> : null}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{s.email}</Text>
        </div>
      ),
    },
    {
      key: 'role',
      label: 'Role',
      render: (s) =>
        a.can_manage && s.user_id !== me?.user.id ? (
          <Select
            aria-label={`Role of ${s.email}`}
            size="xs"
            w={130}
            data={ROLES.map((r) => ({ value: r.value, label: r.value }))}
            value={s.role}
            allowDeselect={false}
            onChange={(role) => role && change.mutate({ user_id: s.user_id, role })}
          />
        ) : (
          <Group gap={6}>
            <Badge variant="light" color={ROLE_COLOR[s.role] ?? 'gray'}>{s.role}</Badge>
          </Group>
        ),
    },
    {
      key: 'status',
      label: 'Status',
      render: (s) =>
        s.invitation_failed ? (
          <Badge color="red" tt="none">Invitation email failed</Badge>
        ) : s.status === 'invited' ? (
          <Badge variant="outline" color="orange">invited</Badge>
        ) : (
          <Text size="sm">active</Text>
        ),
    },
  ]
  if (a.can_manage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (s) =>
        s.user_id === me?.user.id ? (
          <Text size="sm" c="dimmed">
            You
          </Text>
        ) : (
          <ConfirmButton
            size="xs"
            variant="subtle"
            aria-label={`Remove ${s.email}`}
            confirmTitle="Remove from the agency?"
            confirmText={`${s.email} loses the agency role (workspace memberships stay).`}
            confirmLabel="Remove"
            onConfirm={() => change.mutateAsync({ user_id: s.user_id, remove: true })}
          >
            Remove
          </ConfirmButton>
        ),
    })
  }
  return (
    <Stack>
      <PageHeader
        title={a.name}
        description={`Agency · you are ${a.role}`}
        actions={
          a.can_manage ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite staff
            </Button>
          ) : null
        }
      />
      {notice ? (
        <Alert color="teal" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Title order={4}>Client workspaces</Title>
        <Anchor component={Link} to={`/agency/${agencyId}/deliverability`} size="sm">
          Deliverability of each workspace
        </Anchor>
      </Group>
      {a.workspaces.length ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {a.workspaces.map((w) => (
            <Paper key={w.id} withBorder p="md" radius="md">
              <Anchor component={Link} to={`/w/${w.id}/contacts`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {w.name}
              </Anchor>
              <Text size="xs" c="dimmed">your role: {w.role}</Text>
            </Paper>
          ))}
        </SimpleGrid>
      ) : (
        <Text c="dimmed" size="sm">No workspace you can open yet.</Text>
      )}
      <Title order={4} mt="md">Staff</Title>
      <ErrorAlert error={staff.error || change.error} />
      {staff.isPending ? (
        <Center py="md"><Loader aria-label="Loading staff" /></Center>
      ) : (
        <ResponsiveTable caption="Staff" columns={columns} rows={(staff.data?.items ?? []) as Staff[]} rowKey={(s) => s.user_id} />
      )}
      <InviteStaffModal
        agencyId={agencyId}
        opened={inviting}
        onClose={(sentTo) => {
          setInviting(false)
          if (sentTo) setNotice(`Invitation sent to ${sentTo}. They join once they accept it.`)
        }}
      />
    </Stack>
  )
}
