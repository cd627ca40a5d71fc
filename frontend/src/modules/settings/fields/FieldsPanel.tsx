import { Badge, Button, Center, Code, Group, Loader, SegmentedControl, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, ResponsiveTable, type Column } from '../../../ui'
import { useCan, useWorkspaceId } from '../../workspaces/hooks'
import { FieldFormModal } from './FieldFormModal'
import { useCustomFields, useDeleteCustomField } from './hooks'
import { FIELD_ENTITIES, FIELD_TYPE_LABELS, type CustomField, type FieldEntity, type FieldType } from './types'

export function FieldsPanel() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  // Contacts' fields or companies' (?entity=company), so a reload stays on the same list.
  const [params, setParams] = useSearchParams()
  const entity: FieldEntity = params.get('entity') === 'company' ? 'company' : 'contact'
  const whose = entity === 'company' ? 'company' : 'contact'
  const fields = useCustomFields(ws, entity)
  const remove = useDeleteCustomField(ws)
  const [modal, setModal] = useState<{ open: boolean; editing: CustomField | null }>({ open: false, editing: null })
  const openNew = () => setModal({ open: true, editing: null })

  const columns: Column<CustomField>[] = [
    { key: 'label', label: 'Label', primary: true, render: (f) => <Text size="sm" fw={600}>{f.label}</Text> },
    { key: 'key', label: 'Key', render: (f) => <Code>{f.key}</Code> },
    { key: 'type', label: 'Type', render: (f) => <Badge variant="light" color="gray" tt="none">{FIELD_TYPE_LABELS[f.type as FieldType] ?? f.type}</Badge> },
    {
      key: 'choices',
      label: 'Choices',
      render: (f) => (f.choices?.length ? <Text size="sm">{f.choices.join(', ')}</Text> : <Text size="sm" c="dimmed">—</Text>),
    },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (f) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setModal({ open: true, editing: f })} aria-label={`Edit ${f.label}`}>
            Edit
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            aria-label={`Delete ${f.label}`}
            confirmTitle={`Delete field ${f.label}?`}
            confirmText={`Its values on every ${whose} are deleted too.`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(f.id)}
          >
            Delete
          </ConfirmButton>
        </Group>
      ),
    })
  }

  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
      New field
    </Button>
  ) : null

  return (
    <>
      <PageHeader title="Custom fields" description={`Extra fields shown on every ${whose} of this workspace.`} actions={addButton} />
      <SegmentedControl
        mb="md"
        aria-label="Fields of"
        data={FIELD_ENTITIES}
        value={entity}
        onChange={(v) => setParams(v === 'company' ? { entity: v } : {}, { replace: true })}
      />
      <ErrorAlert error={fields.error || remove.error} />
      {fields.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading fields" />
        </Center>
      ) : fields.data?.items.length ? (
        <ResponsiveTable caption="Custom fields" columns={columns} rows={fields.data.items} rowKey={(f) => f.id} />
      ) : (
        <EmptyState
          title={`No ${whose} fields`}
          description={
            entity === 'company' ? 'Add fields such as a tax id, an account manager or a contract tier.' : 'Add fields such as a budget, a birthday or a lead source.'
          }
          action={addButton}
        />
      )}
      <FieldFormModal ws={ws} entity={entity} opened={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </>
  )
}
