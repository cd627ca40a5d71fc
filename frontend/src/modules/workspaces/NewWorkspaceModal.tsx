import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { browserTimeZone, ErrorAlert, TimeZoneSelect, useSubmitOnce } from '../../ui'
import { useCreateWorkspace, useManagedAgencies } from './hooks'

type Props = { opened: boolean; onClose: () => void }

export function NewWorkspaceModal({ opened, onClose }: Props) {
  const create = useCreateWorkspace()
  const navigate = useNavigate()
  const agencies = useManagedAgencies()
  const [name, setName] = useState('')
  const [timeZone, setTimeZone] = useState<string>(browserTimeZone())
  const [agencyId, setAgencyId] = useState<string | null>(agencies[0] ? String(agencies[0].id) : null)
  const err = isApiError(create.error) ? create.error : null

  const close = () => {
    create.reset()
    setName('')
    onClose()
  }

  const { submit: once } = useSubmitOnce()
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const body = { name: name.trim(), time_zone: timeZone, agency_id: agencyId ? Number(agencyId) : null }
    void once(async (idempotencyKey) => {
      const ws = await create.mutateAsync({ body, idempotencyKey }).catch(() => null)
      if (!ws) return
      close()
      navigate(`/w/${ws.id}/contacts`)
    })
  }

  return (
    <Modal opened={opened} onClose={close} title="New workspace" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={create.error} />
          <TextInput
            label="Name"
            placeholder="Client business name"
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={err?.fieldError('name')}
          />
          <TimeZoneSelect
            value={timeZone}
            onChange={(v) => v && setTimeZone(v)}
            allowDeselect={false}
            error={err?.fieldError('time_zone')}
            comboboxProps={{ withinPortal: true }}
          />
          {agencies.length > 1 ? (
            <Select
              label="Agency"
              data={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
              value={agencyId}
              onChange={setAgencyId}
              allowDeselect={false}
              error={err?.fieldError('agency_id')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create workspace
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
