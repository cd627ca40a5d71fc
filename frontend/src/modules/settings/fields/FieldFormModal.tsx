import { Button, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert } from '../../../ui'
import { useCreateCustomField, useUpdateCustomField } from './hooks'
import { FIELD_TYPE_LABELS, FIELD_TYPES, type CustomField, type FieldType } from './types'

/** "Budget (EUR)" → "budget_eur" */
export function keyFromLabel(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, '_$1')
    .slice(0, 50)
}

type Props = { ws: number; opened: boolean; editing: CustomField | null; onClose: () => void }

export function FieldFormModal({ ws, opened, editing, onClose }: Props) {
  const create = useCreateCustomField(ws)
  const update = useUpdateCustomField(ws)
  const mutation = editing ? update : create
  const [label, setLabel] = useState('')
  const [key, setKey] = useState('')
  const [keyTouched, setKeyTouched] = useState(false)
  const [type, setType] = useState<FieldType>('text')
  const [choices, setChoices] = useState<string[]>([])
  useEffect(() => {
    if (opened) {
      setLabel(editing?.label ?? '')
      setKey(editing?.key ?? '')
      setKeyTouched(!!editing)
      setType((editing?.type ?? 'text') as FieldType)
      setChoices(editing?.choices ?? [])
    }
  }, [opened, editing])
  const err = isApiError(mutation.error) ? mutation.error : null
  const hasChoices = type === 'choice' || type === 'multi_choice'
  const close = () => {
    create.reset()
    update.reset()
    onClose()
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (editing) update.mutate({ id: editing.id, label: label.trim(), choices: hasChoices ? choices : [] }, { onSuccess: close })
    else create.mutate({ key: key.trim(), label: label.trim(), type, choices: hasChoices ? choices : [] }, { onSuccess: close })
  }
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit custom field' : 'New custom field'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} />
          <TextInput
            label="Label"
            value={label}
            onChange={(e) => {
              const v = e.currentTarget.value
              setLabel(v)
              if (!keyTouched) setKey(keyFromLabel(v))
            }}
            error={err?.fieldError('label')}
            data-autofocus
          />
          <TextInput
            label="Key"
            description="Used in the API and imports; cannot be changed later."
            value={key}
            onChange={(e) => {
              setKeyTouched(true)
              setKey(e.currentTarget.value)
            }}
            error={err?.fieldError('key')}
            disabled={!!editing}
            ff="monospace"
          />
          <Select
            label="Type"
            data={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }))}
            value={type}
            onChange={(v) => v && setType(v as FieldType)}
            allowDeselect={false}
            disabled={!!editing}
            error={err?.fieldError('type')}
          />
          {hasChoices ? (
            <TagsInput
              label="Choices"
              placeholder="Type a choice and press Enter"
              value={choices}
              onChange={setChoices}
              error={err?.fieldError('choices')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!label.trim() || (!editing && !key.trim())}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
