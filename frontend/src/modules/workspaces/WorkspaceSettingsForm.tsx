import { Button, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { ConfirmButton, ErrorAlert, TimeZoneSelect } from '../../ui'
import { useMe } from '../auth/hooks'
import { useCan, useCurrentWorkspace, useDeleteWorkspace, useManagedAgencies, useUpdateWorkspace } from './hooks'

export function WorkspaceSettingsForm() {
  const ws = useCurrentWorkspace()
  const canManage = useCan('manage_settings')
  const update = useUpdateWorkspace(ws?.id ?? 0)
  const remove = useDeleteWorkspace(ws?.id ?? 0)
  const { data: me } = useMe()
  const managed = useManagedAgencies()
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const [timeZone, setTimeZone] = useState('UTC')
  const [slug, setSlug] = useState('')
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (ws) {
      setName(ws.name)
      setTimeZone(ws.time_zone)
      setSlug(ws.slug)
    }
  }, [ws?.id, ws?.name, ws?.time_zone, ws?.slug]) // eslint-disable-line react-hooks/exhaustive-deps
  if (!ws) return null
  const err = isApiError(update.error) ? update.error : null

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setSaved(false)
    update.mutate({ name: name.trim(), time_zone: timeZone, slug: slug.trim().toLowerCase() }, { onSuccess: () => setSaved(true) })
  }

  return (
    <Stack maw={560}>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={update.error} />
            <TextInput
              label="Name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={err?.fieldError('name')}
              disabled={!canManage}
            />
            <TimeZoneSelect
              value={timeZone}
              onChange={(v) => v && setTimeZone(v)}
              allowDeselect={false}
              error={err?.fieldError('time_zone')}
              disabled={!canManage}
            />
            <TextInput
              label="Public address"
              description={`Booking pages live at ${window.location.origin}/book/${slug.trim().toLowerCase() || 'your-address'}/…`}
              placeholder="acme-dental"
              value={slug}
              maxLength={60}
              onChange={(e) => setSlug(e.currentTarget.value)}
              error={err?.fieldError('slug')}
              disabled={!canManage}
            />
            <Text size="sm" c="dimmed">
              Agency: {ws.agency_name}
            </Text>
            {canManage ? (
              <Group justify="flex-end">
                {saved ? (
                  <Text size="sm" c="teal" role="status">
                    Saved
                  </Text>
                ) : null}
                <Button type="submit" loading={update.isPending}>
                  Save
                </Button>
              </Group>
            ) : null}
          </Stack>
        </form>
      </Paper>
      {managed.some((a) => a.id === ws.agency_id) ? (
        <Paper withBorder p="lg" radius="md" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
          <Title order={4} c="red">
            Delete workspace
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            Deletes the workspace and all its contacts. This cannot be undone.
          </Text>
          <Divider my="sm" />
          <ErrorAlert error={remove.error} />
          <ConfirmButton
            variant="outline"
            confirmTitle={`Delete ${ws.name}?`}
            confirmText="All contacts, classes, fields and tokens of this workspace will be deleted."
            confirmLabel="Delete workspace"
            typeToConfirm={ws.name}
            onConfirm={async () => {
              await remove.mutateAsync()
              const next = me?.workspaces.find((w) => w.id !== ws.id)
              navigate(next ? `/w/${next.id}/contacts` : '/')
            }}
          >
            Delete workspace
          </ConfirmButton>
        </Paper>
      ) : null}
    </Stack>
  )
}
