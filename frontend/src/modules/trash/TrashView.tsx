import { Alert, Button, Center, Loader, Stack, Text, TextInput } from '@mantine/core'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../../api/client'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, formatDateTime, type Column } from '../../ui'
import { useRestoreContact } from '../contacts/hooks'
import { contactsKey } from '../contacts/hooks'

type Trashed = { id: number; email?: string | null; first_name?: string | null; last_name?: string | null; phone_display?: string | null; deleted_at: string }

function name(c: Trashed): string {
  return [c.first_name, c.last_name].filter(Boolean).join(' ') || c.email || c.phone_display || `Contact ${c.id}`
}

/** Deleted contacts (admins): restorable for 30 days after deletion, then purged. */
export function TrashView({ ws }: { ws: number }) {
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const q = params.get('q') ?? ''
  const [search, setSearch] = useState(q)
  const qc = useQueryClient()
  const restore = useRestoreContact(ws)
  const [restored, setRestored] = useState<string | null>(null)
  const trash = useQuery({
    queryKey: [...contactsKey(ws), 'trash', page, q],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts/trash', {
        params: { path: { ws }, query: { page, page_size: 50, ...(q ? { q } : {}) } },
      })
      return data!
    },
    placeholderData: keepPreviousData,
  })
  const columns: Column<Trashed>[] = [
    { key: 'name', label: 'Contact', primary: true, render: (c) => <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{name(c)}</Text> },
    { key: 'deleted', label: 'Deleted', render: (c) => <Text size="sm">{formatDateTime(c.deleted_at)}</Text> },
    {
      key: 'actions',
      label: 'Actions',
      render: (c) => (
        <Button
          size="xs"
          variant="light"
          loading={restore.isPending && restore.variables === c.id}
          onClick={() =>
            restore.mutate(c.id, {
              onSuccess: () => {
                setRestored(name(c))
                qc.invalidateQueries({ queryKey: [...contactsKey(ws), 'trash'] })
              },
            })
          }
        >
          Restore
        </Button>
      ),
    },
  ]
  const items = (trash.data?.items ?? []) as Trashed[]
  return (
    <Stack>
      <PageHeader title="Trash" description="Deleted contacts stay here for 30 days; restore one to bring it back with its tags and history." />
      {restored ? (
        <Alert color="teal" role="status" withCloseButton onClose={() => setRestored(null)}>
          {restored} is back in the contacts.
        </Alert>
      ) : null}
      <ErrorAlert error={trash.error || restore.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          setParams(search.trim() ? { q: search.trim() } : {})
        }}
      >
        <TextInput
          aria-label="Search deleted contacts"
          placeholder="Search name, email, phone, company"
          leftSection={<IconSearch size={16} />}
          maxLength={200}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </form>
      {trash.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading deleted contacts" />
        </Center>
      ) : items.length === 0 ? (
        <EmptyState title={q ? 'No deleted contact matches' : 'The trash is empty'} description="Contacts deleted in the last 30 days appear here." />
      ) : (
        <>
          <ResponsiveTable caption="Deleted contacts" columns={columns} rows={items} rowKey={(c) => c.id} />
          <PaginationBar
            page={page}
            pageSize={50}
            total={trash.data?.total ?? 0}
            noun="deleted contacts"
            onPageChange={(p) => setParams({ ...(q ? { q } : {}), page: String(p) })}
          />
        </>
      )}
    </Stack>
  )
}
