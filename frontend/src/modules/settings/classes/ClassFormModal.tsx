import { Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ColorNamePicker, ErrorAlert } from '../../../ui'
import { useSaveContactClass } from './hooks'
import type { ContactClass } from './types'

type Props = { ws: number; opened: boolean; editing: ContactClass | null; onClose: () => void }

export function ClassFormModal({ ws, opened, editing, onClose }: Props) {
  const save = useSaveContactClass(ws)
  const [name, setName] = useState('')
  const [color, setColor] = useState('blue')
  useEffect(() => {
    if (opened) {
      setName(editing?.name ?? '')
      setColor(editing?.color || 'blue')
    }
  }, [opened, editing])
  const err = isApiError(save.error) ? save.error : null
  const close = () => {
    save.reset()
    onClose()
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    save.mutate({ id: editing?.id, name: name.trim(), color }, { onSuccess: close })
  }
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit class' : 'New class'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldError('name')} data-autofocus />
          <ColorNamePicker label="Color" value={color} onChange={setColor} error={err?.fieldError('color')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
