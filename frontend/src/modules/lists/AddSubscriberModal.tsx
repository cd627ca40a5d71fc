import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { ErrorAlert, useSubmitOnce } from '../../ui'
import type { Contact } from '../contacts/types'
import { ContactPicker } from './ContactPicker'
import { useSetSubscription } from './hooks'
import { staffStatusOptions, type MailingList, type StaffStatus } from './types'

type Props = { ws: number; list: MailingList; opened: boolean; onClose: () => void }

/** Add a contact to the list (or change its status there): pick it by searching, choose a status. */
export function AddSubscriberModal({ ws, list, opened, onClose }: Props) {
  const set = useSetSubscription(ws)
  const { submit, pending } = useSubmitOnce()
  const [contact, setContact] = useState<Contact | null>(null)
  const [status, setStatus] = useState<StaffStatus>('subscribed')
  useEffect(() => {
    if (!opened) return
    setContact(null)
    setStatus('subscribed')
    set.reset()
  }, [opened]) // eslint-disable-line react-hooks/exhaustive-deps

  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!contact) return
    void submit(async () => {
      await set.mutateAsync({ listId: list.id, body: { contact_id: contact.id, status } })
      onClose()
    }).catch(() => undefined)
  }
  const known = set.fieldError('status') || set.fieldError('contact_id')
  return (
    <Modal opened={opened} onClose={onClose} title={`Add a subscriber to “${list.name}”`} centered>
      <form onSubmit={send} noValidate aria-label="Add subscriber">
        <Stack>
          <ContactPicker
            ws={ws}
            value={contact}
            onChange={(c) => {
              set.reset()
              setContact(c)
            }}
            error={set.fieldError('contact_id')}
          />
          <Select
            label="Status"
            data={staffStatusOptions(list.double_opt_in)}
            value={status}
            onChange={(v) => v && setStatus(v as StaffStatus)}
            allowDeselect={false}
            error={set.fieldError('status')}
            comboboxProps={{ withinPortal: true }}
          />
          {status === 'subscribed' ? (
            <Text size="xs" c="dimmed">
              Only add people who agreed to receive this list. The change is recorded with your name.
            </Text>
          ) : status === 'unconfirmed' && list.double_opt_in ? (
            <Alert color="blue" variant="light" p="xs">
              <Text size="xs">The person gets a mail with a confirmation link and joins the list when they click it.</Text>
            </Alert>
          ) : null}
          <ErrorAlert error={known ? null : set.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!contact}>
              Add subscriber
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
