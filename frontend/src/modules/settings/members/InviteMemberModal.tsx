import { Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert, useSubmitOnce } from '../../../ui'
import type { ContactClass } from '../classes/types'
import { useInviteMember } from './hooks'
import { MemberAccessFields } from './MemberAccessFields'
import type { MemberAccess } from './types'

type Props = { ws: number; opened: boolean; onClose: () => void; classes: ContactClass[]; onInvited?: (email: string, status: string) => void }

export function InviteMemberModal({ ws, opened, onClose, classes, onInvited }: Props) {
  const invite = useInviteMember(ws)
  const [email, setEmail] = useState('')
  const [access, setAccess] = useState<MemberAccess>({ role: 'member', all_contacts: true, contact_class_ids: [] })
  const err = isApiError(invite.error) ? invite.error : null
  const close = () => {
    invite.reset()
    setEmail('')
    setAccess({ role: 'member', all_contacts: true, contact_class_ids: [] })
    onClose()
  }
  const { submit: once } = useSubmitOnce()
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const body = { email: email.trim(), ...access, contact_class_ids: access.all_contacts ? [] : access.contact_class_ids }
    void once(async (idempotencyKey) => {
      const m = await invite.mutateAsync({ body, idempotencyKey }).catch(() => null)
      if (!m) return
      onInvited?.(body.email, m.status ?? 'invited')
      close()
    })
  }
  return (
    <Modal opened={opened} onClose={close} title="Invite member" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={invite.error} />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={err?.fieldError('email')}
            description="People without an account get an invitation by email."
            data-autofocus
          />
          <MemberAccessFields value={access} onChange={setAccess} classes={classes} errors={(f) => err?.fieldError(f)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
