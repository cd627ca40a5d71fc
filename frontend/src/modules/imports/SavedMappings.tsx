import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { ConfirmButton, ErrorAlert, useSubmitOnce } from '../../ui'
import { useDeleteMapping, useSaveMapping, useSavedMappings } from './hooks'
import type { Mapping } from './mapping'
import type { SavedMapping } from './types'

type Props = {
  ws: number
  mapping: Mapping
  /** Apply a saved mapping to this file's columns. */
  onApply: (saved: SavedMapping) => void
  disabled?: boolean
}

function SaveMappingModal({ ws, opened, mapping, onClose }: { ws: number; opened: boolean; mapping: Mapping; onClose: () => void }) {
  const save = useSaveMapping(ws)
  const { submit, pending } = useSubmitOnce()
  const [name, setName] = useState('')
  const close = () => {
    save.reset()
    setName('')
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return
    void submit(async (idempotencyKey) => {
      await save.mutateAsync({ body: { name: name.trim(), mapping }, idempotencyKey })
      close()
    }).catch(() => undefined)
  }
  return (
    <Modal opened={opened} onClose={close} title="Save this mapping" centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <ErrorAlert error={save.fieldError('name') ? null : save.error} />
          <TextInput
            label="Name"
            description="For the next file from the same place, like “Shop export” or “Fair 2026”."
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            error={save.fieldError('name') ? `${save.error?.message ?? ''} ${save.fieldError('name')}`.trim() : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!name.trim()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** Apply a mapping saved for an earlier file, save the current one, delete saved ones. */
export function SavedMappings({ ws, mapping, onApply, disabled }: Props) {
  const saved = useSavedMappings(ws)
  const remove = useDeleteMapping(ws)
  const [chosen, setChosen] = useState('')
  const [saving, setSaving] = useState(false)
  const items = saved.data?.items ?? []
  const picked = items.find((m) => String(m.id) === chosen)
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        {items.length ? (
          <>
            <NativeSelect
              label="Saved mappings"
              data={[{ value: '', label: 'Choose a saved mapping…' }, ...items.map((m) => ({ value: String(m.id), label: m.name }))]}
              value={chosen}
              onChange={(e) => setChosen(e.currentTarget.value)}
              disabled={disabled}
              style={{ flex: '1 1 200px', minWidth: 0, maxWidth: 360 }}
            />
            <Button variant="light" disabled={!picked || disabled} onClick={() => picked && onApply(picked)}>
              Apply
            </Button>
            {picked ? (
              <ConfirmButton
                variant="subtle"
                px="xs"
                aria-label={`Delete the saved mapping “${picked.name}”`}
                confirmTitle="Delete this saved mapping?"
                confirmText={`“${picked.name}” is deleted for everyone in this workspace. Imports that used it keep their choices.`}
                confirmLabel="Delete"
                onConfirm={async () => {
                  await remove.mutateAsync(picked.id!)
                  setChosen('')
                }}
              >
                <IconTrash size={16} />
              </ConfirmButton>
            ) : null}
          </>
        ) : null}
        <Tooltip label="Use these choices again for another file" withArrow>
          <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={() => setSaving(true)} disabled={disabled}>
            Save mapping…
          </Button>
        </Tooltip>
      </Group>
      {!items.length && saved.isSuccess ? (
        <Text size="xs" c="dimmed">
          Save this mapping to apply it to the next file with the same columns.
        </Text>
      ) : null}
      <ErrorAlert error={saved.error ?? remove.error} />
      <SaveMappingModal ws={ws} opened={saving} mapping={mapping} onClose={() => setSaving(false)} />
    </Stack>
  )
}
