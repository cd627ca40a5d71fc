import { Badge, Button, Center, Code, Group, Loader, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, ResponsiveTable, useSubmitOnce, type Column } from '../../ui'
import { keyFromLabel, keyProblem, loadTransliteration } from '../settings/fields/FieldFormModal'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { useDeletePurpose, usePurposes, useSavePurpose, type ConsentPurpose } from './hooks'

type ModalState = { open: boolean; editing: ConsentPurpose | null }

function PurposeFormModal({ ws, opened, editing, onClose }: { ws: number; opened: boolean; editing: ConsentPurpose | null; onClose: () => void }) {
  const save = useSavePurpose(ws)
  const { submit, pending } = useSubmitOnce()
  const [name, setName] = useState('')
  const [key, setKey] = useState('')
  const [keyTouched, setKeyTouched] = useState(false)
  const [description, setDescription] = useState('')
  useEffect(() => {
    if (!opened) return
    void loadTransliteration()
    setName(editing?.name ?? '')
    setKey(editing?.key ?? '')
    setKeyTouched(!!editing)
    setDescription(editing?.description ?? '')
  }, [opened, editing])
  const close = () => {
    save.reset()
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    const body = { name: name.trim(), key: editing ? undefined : key.trim() || null, description: description.trim() || null }
    void submit(async (idempotencyKey) => {
      await save.mutateAsync({ id: editing?.id, body, idempotencyKey })
      close()
    }).catch(() => undefined)
  }
  const fieldErrors = ['name', 'key', 'description'].some((f) => save.fieldError(f))
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Rename consent purpose' : 'New consent purpose'} centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <ErrorAlert error={fieldErrors ? null : save.error} />
          <TextInput
            label="Name"
            value={name}
            maxLength={100}
            onChange={(e) => {
              const v = e.currentTarget.value
              setName(v)
              if (!keyTouched) setKey(keyFromLabel(v))
            }}
            error={save.fieldError('name')}
            data-autofocus
          />
          <TextInput
            label="Key"
            description="What integrations send as “purpose”; cannot be changed later."
            value={key}
            maxLength={63}
            onChange={(e) => {
              setKeyTouched(true)
              setKey(e.currentTarget.value)
            }}
            error={save.fieldError('key') ?? (!editing && keyTouched ? keyProblem(key) : undefined)}
            disabled={!!editing}
            ff="monospace"
          />
          <Textarea
            label="Description"
            rows={3}
            maxLength={1000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={save.fieldError('description')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!name.trim() || (!editing && !!keyProblem(key))}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** Settings: the purposes people give consent for. Admins add, rename and delete custom ones. */
export function ConsentPurposesPage() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const purposes = usePurposes(ws)
  const remove = useDeletePurpose(ws)
  const [modal, setModal] = useState<ModalState>({ open: false, editing: null })

  const columns: Column<ConsentPurpose>[] = [
    {
      key: 'name',
      label: 'Purpose',
      primary: true,
      render: (p) => (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {p.name}
          </Text>
          {p.built_in ? (
            <Badge size="xs" variant="light" color="gray">
              Built in
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'key', label: 'Key', render: (p) => <Code>{p.key}</Code> },
    {
      key: 'description',
      label: 'Description',
      render: (p) => (
        <Text size="sm" c={p.description ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
          {p.description || '—'}
        </Text>
      ),
    },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (p) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setModal({ open: true, editing: p })} aria-label={`Rename ${p.name}`}>
            Rename
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            aria-label={`Delete ${p.name}`}
            disabled={p.built_in}
            title={p.built_in ? 'Built-in purposes cannot be deleted' : undefined}
            confirmTitle={`Delete purpose ${p.name}?`}
            confirmText="Only a purpose nobody's consent refers to can be deleted: recorded consents are kept as proof."
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(p.id)}
          >
            Delete
          </ConfirmButton>
        </Group>
      ),
    })
  }
  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setModal({ open: true, editing: null })}>
      New purpose
    </Button>
  ) : null

  return (
    <>
      <PageHeader
        title="Consent purposes"
        description="What people agree to, such as email marketing or SMS. Each contact card records every grant and withdrawal with its proof."
        actions={addButton}
      />
      <ErrorAlert error={purposes.error || remove.error} />
      {purposes.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading consent purposes" />
        </Center>
      ) : purposes.data?.items.length ? (
        <ResponsiveTable caption="Consent purposes" columns={columns} rows={purposes.data.items} rowKey={(p) => p.id} />
      ) : (
        <EmptyState title="No consent purposes" description="Add what people may agree to." action={addButton} />
      )}
      <PurposeFormModal ws={ws} opened={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </>
  )
}
