import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert } from '../../../ui'
import type { ContactClass } from '../classes/types'
import { useUpdateMember } from './hooks'
import { MemberAccessFields } from './MemberAccessFields'
import type { Member, MemberAccess } from './types'

type Props = { ws: number; member: Member | null; onClose: () => void; classes: ContactClass[] }

export function EditMemberModal({ ws, member, onClose, classes }: Props) {
  const update = useUpdateMember(ws)
  const [access, setAccess] = useState<MemberAccess>({ role: 'member', all_contacts: true, contact_class_ids: [] })
  useEffect(() => {
    if (member) setAccess({ role: member.role as MemberAccess['role'], all_contacts: member.all_contacts, contact_class_ids: member.contact_class_ids })
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
      { user_id: member.user_id, ...access, contact_class_ids: access.all_contacts ? [] : access.contact_class_ids },
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
