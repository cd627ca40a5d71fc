import { Button, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert, useSubmitOnce } from '../../../ui'
import { useCreateCustomField, useUpdateCustomField } from './hooks'
import { FIELD_TYPE_LABELS, FIELD_TYPES, type CustomField, type FieldEntity, type FieldType } from './types'

type Transliterate = (text: string) => string
let transliterate: Transliterate | null = null
/** any-ascii's tables are large: loaded (once) when the field form first opens. */
export async function loadTransliteration(): Promise<void> {
  transliterate ??= (await import('any-ascii')).default
}

/** "Budżet (PLN)" → "budzet_pln", "Источник" → "istochnik" (transliterated, as the API does). */
export function keyFromLabel(label: string): string {
  const key = (transliterate ?? ((t: string) => t.normalize('NFKD')))(label)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63)
    .replace(/_+$/, '')
  return /^[0-9]/.test(key) ? `f_${key}`.slice(0, 63) : key
}

export const KEY_RULE = 'Use lowercase letters, digits and _, starting with a letter.'
export function keyProblem(key: string): string | undefined {
  if (!key.trim()) return 'Enter a key, or a label to make one from.'
  return /^[a-z][a-z0-9_]{0,62}$/.test(key) ? undefined : KEY_RULE
}

type Props = { ws: number; entity: FieldEntity; opened: boolean; editing: CustomField | null; onClose: () => void }

export function FieldFormModal({ ws, entity, opened, editing, onClose }: Props) {
  const create = useCreateCustomField(ws)
  const update = useUpdateCustomField(ws)
  const { submit: once } = useSubmitOnce()
  const mutation = editing ? update : create
  const [label, setLabel] = useState('')
  const [key, setKey] = useState('')
  const [keyTouched, setKeyTouched] = useState(false)
  const [type, setType] = useState<FieldType>('text')
  const [choices, setChoices] = useState<string[]>([])
  useEffect(() => {
    if (opened) void loadTransliteration()
  }, [opened])
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
    else {
      const body = { key: key.trim(), label: label.trim(), type, choices: hasChoices ? choices : [], entity }
      void once(async (idempotencyKey) => {
        if (await create.mutateAsync({ body, idempotencyKey }).catch(() => null)) close()
      })
    }
  }
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit custom field' : entity === 'company' ? 'New company field' : 'New contact field'} centered>
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
            error={err?.fieldError('key') ?? (!editing && keyTouched ? keyProblem(key) : undefined)}
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
            <Button type="submit" loading={mutation.isPending} disabled={!label.trim() || (!editing && !!keyProblem(key))}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
