import { Button, ColorInput, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert } from '../../../ui'
import { useSaveContactClass } from './hooks'
import type { ContactClass } from './types'

export const SWATCHES = ['#228be6', '#15aabf', '#12b886', '#40c057', '#fab005', '#fd7e14', '#fa5252', '#e64980', '#7950f2', '#868e96']

type Props = { ws: number; opened: boolean; editing: ContactClass | null; onClose: () => void }

export function ClassFormModal({ ws, opened, editing, onClose }: Props) {
  const save = useSaveContactClass(ws)
  const [name, setName] = useState('')
  const [color, setColor] = useState(SWATCHES[0])
  useEffect(() => {
    if (opened) {
      setName(editing?.name ?? '')
      setColor(editing?.color || SWATCHES[0])
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
          <ColorInput
            label="Color"
            value={color}
            onChange={setColor}
            swatches={SWATCHES}
            swatchesPerRow={10}
            format="hex"
            error={err?.fieldError('color')}
          />
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
