import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert } from '../../../ui'
import type { ContactClass } from '../classes/types'
import { useUpdateMember } from './hooks'
import { MemberAccessFields } from './MemberAccessFields'
import type { Member, MemberAccess } from './types'

type Props = { ws: number; member: Member | null; onClose: () => void; classes: ContactClass[] }

// access/roles.py POWERS: what an admin may let one member do.
const POWERS = [
  { value: 'export', label: 'Export contacts and a person’s data' },
  { value: 'forget', label: 'Forget a person (GDPR erasure)' },
  { value: 'merge_many', label: 'Merge more than two contacts at once' },
]

export function EditMemberModal({ ws, member, onClose, classes }: Props) {
  const update = useUpdateMember(ws)
  const [access, setAccess] = useState<MemberAccess>({ role: 'member', all_contacts: true, contact_class_ids: [] })
  const [powers, setPowers] = useState<string[]>([])
  useEffect(() => {
    if (member) {
      setAccess({ role: member.role as MemberAccess['role'], all_contacts: member.all_contacts, contact_class_ids: member.contact_class_ids })
      setPowers(member.powers)
    }
  }, [member])
  const err = isApiError(update.error) ? update.error : null
  const close = () => {
    update.reset()
    onClose()
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (!member) return
    update.mutate(
      {
        user_id: member.user_id,
        ...access,
        contact_class_ids: access.all_contacts ? [] : access.contact_class_ids,
        ...(access.role === 'member' ? { powers } : {}),
      },
      { onSuccess: close },
    )
  }
  return (
    <Modal opened={!!member} onClose={close} title="Edit member" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" fw={500}>
            {member?.name || member?.email} <Text span c="dimmed" size="sm">{member?.name ? member.email : ''}</Text>
          </Text>
          <ErrorAlert error={update.error} />
          <MemberAccessFields value={access} onChange={setAccess} classes={classes} errors={(f) => err?.fieldError(f)} />
          {access.role === 'member' ? (
            <Checkbox.Group label="Also allowed (as admins are)" value={powers} onChange={setPowers} error={err?.fieldError('powers')}>
              <Stack gap={6} mt={6}>
                {POWERS.map((p) => (
                  <Checkbox key={p.value} value={p.value} label={p.label} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
