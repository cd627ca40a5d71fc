import { Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { ErrorAlert, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { useSaveList } from './hooks'
import type { MailingList } from './types'

type Props = {
  ws: number
  opened: boolean
  /** The list being edited, or null for a new one. */
  editing: MailingList | null
  onClose: () => void
  /** After a new list is created. */
  onCreated?: (list: MailingList) => void
}

const FIELDS = ['name', 'description', 'double_opt_in', 'public']

/** Create or edit a list: its name, description, double opt-in and whether the public sees it. */
export function ListFormModal({ ws, opened, editing, onClose, onCreated }: Props) {
  const save = useSaveList(ws)
  const { submit, pending } = useSubmitOnce()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [doubleOptIn, setDoubleOptIn] = useState(true)
  const [isPublic, setIsPublic] = useState(true)
  useEffect(() => {
    if (!opened) return
    setName(editing?.name ?? '')
    setDescription(editing?.description ?? '')
    setDoubleOptIn(editing?.double_opt_in ?? true)
    setIsPublic(editing?.public ?? true)
  }, [opened, editing])
  const dirty =
    opened &&
    (name !== (editing?.name ?? '') ||
      description !== (editing?.description ?? '') ||
      doubleOptIn !== (editing?.double_opt_in ?? true) ||
      isPublic !== (editing?.public ?? true))
  useUnsavedChanges(dirty && !pending)

  const close = () => {
    save.reset()
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    const body = { name: name.trim(), description: description.trim() || null, double_opt_in: doubleOptIn, public: isPublic }
    void submit(async (idempotencyKey) => {
      const list = await save.mutateAsync({ id: editing?.id, body, idempotencyKey })
      close()
      if (!editing) onCreated?.(list)
    }).catch(() => undefined)
  }
  const fieldError = FIELDS.some((f) => save.fieldError(f))
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit list' : 'New list'} centered>
      <form onSubmit={send} noValidate aria-label={editing ? 'Edit list' : 'New list'}>
        <Stack>
          <ErrorAlert error={fieldError ? null : save.error} />
          <TextInput
            label="Name"
            placeholder="e.g. Newsletter"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.currentTarget.value)}
            error={save.fieldError('name')}
            withAsterisk
            data-autofocus
          />
          <Textarea
            label="Description"
            description="Shown to people on the preference page."
            rows={3}
            maxLength={1000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={save.fieldError('description')}
          />
          <Switch
            label="Double opt-in"
            description="New subscribers from the form or the preference page confirm by a link mailed to them first."
            checked={doubleOptIn}
            onChange={(e) => setDoubleOptIn(e.currentTarget.checked)}
            error={save.fieldError('double_opt_in')}
          />
          <Switch
            label="Public"
            description="Offered on the preference page, and its form accepts subscriptions. A private list is for your team only."
            checked={isPublic}
            onChange={(e) => setIsPublic(e.currentTarget.checked)}
            error={save.fieldError('public')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!name.trim()}>
              {editing ? 'Save' : 'Create list'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
