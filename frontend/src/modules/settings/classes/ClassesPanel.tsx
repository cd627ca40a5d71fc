import { Button, Center, Group, Loader, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ColorDot, ConfirmButton, ErrorAlert, PageHeader, ResponsiveTable, type Column } from '../../../ui'
import { useCan, useWorkspaceId } from '../../workspaces/hooks'
import { ClassFormModal } from './ClassFormModal'
import { useContactClasses, useDeleteContactClass } from './hooks'
import type { ContactClass } from './types'

export function ClassesPanel() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const classes = useContactClasses(ws)
  const remove = useDeleteContactClass(ws)
  const [modal, setModal] = useState<{ open: boolean; editing: ContactClass | null }>({ open: false, editing: null })

  const columns: Column<ContactClass>[] = [
    {
      key: 'name',
      label: 'Class',
      primary: true,
      render: (c) => (
        <Group gap="xs" wrap="nowrap">
          <ColorDot color={c.color} size={16} />
          <Text size="sm" fw={600}>
            {c.name}
          </Text>
        </Group>
      ),
    },
    { key: 'count', label: 'Contacts', render: (c) => c.contact_count.toLocaleString('en-US') },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (c) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setModal({ open: true, editing: c })} aria-label={`Edit ${c.name}`}>
            Edit
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            aria-label={`Delete ${c.name}`}
            disabled={c.contact_count > 0}
            title={c.contact_count > 0 ? 'Move its contacts to another class first' : undefined}
            confirmTitle={`Delete class ${c.name}?`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(c.id)}
          >
            Delete
          </ConfirmButton>
        </Group>
      ),
    })
  }

  return (
    <>
      <PageHeader
        title="Contact classes"
        description="Classes decide which members see which contacts. A class with contacts cannot be deleted."
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setModal({ open: true, editing: null })}>
              New class
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={classes.error || remove.error} />
      {classes.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading classes" />
        </Center>
      ) : (
        <ResponsiveTable caption="Contact classes" columns={columns} rows={classes.data?.items ?? []} rowKey={(c) => c.id} />
      )}
      <ClassFormModal ws={ws} opened={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </>
  )
}
