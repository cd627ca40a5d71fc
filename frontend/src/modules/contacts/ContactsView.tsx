import { useEffect } from 'react'
import { Button, Center, Loader } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconPlus, IconTags, IconUsers } from '@tabler/icons-react'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar } from '../../ui'
import { useContactClasses } from '../settings/classes/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { BulkTagModal } from './BulkTagModal'
import { ContactFiltersBar } from './ContactFiltersBar'
import { TagCloud } from './TagCloud'
import { ContactsTable } from './ContactsTable'
import { DeletedNotice } from './DeletedNotice'
import { useContacts, useTags } from './hooks'
import { NewContactDrawer } from './NewContactDrawer'
import { useContactListParams } from './useContactListParams'

/** The contacts list: search, filters, sortable table/cards, pagination, new contact, bulk tag. */
export function ContactsView() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const { query, update } = useContactListParams()
  const contacts = useContacts(ws, query)
  const classes = useContactClasses(ws)
  const tags = useTags(ws)
  const [drawer, drawerCtl] = useDisclosure(false)
  const [bulk, bulkCtl] = useDisclosure(false)
  const filtered = !!(query.q || query.tag || query.contact_class_id)
  const total = contacts.data?.total ?? 0
  const classList = classes.data?.items ?? []
  const className = classList.find((c) => c.id === query.contact_class_id)?.name
  const filterSummary = filtered
    ? [query.q && `“${query.q}”`, query.tag && `tag ${query.tag}`, className && `class ${className}`].filter(Boolean).join(', ')
    : 'no filter (every contact)'

  const showEmptyCta = !!contacts.data && contacts.data.total === 0 && !filtered
  const lastPage = Math.max(1, Math.ceil(total / query.page_size))
  const beyondLastPage = !!contacts.data && contacts.data.items.length === 0 && total > 0 && query.page > lastPage
  // A new page starts at its top, not where the last one was scrolled to.
  useEffect(() => {
    window.scrollTo({ top: 0 })
  }, [query.page])
  const addButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} />} onClick={drawerCtl.open}>
      Add contact
    </Button>
  ) : null

  return (
    <>
      <PageHeader
        title="Contacts"
        description={
          contacts.data
            ? `${contacts.data.total_is_estimate ? 'More than ' : ''}${total.toLocaleString('en-US')} ${filtered ? 'matching' : 'in this workspace'}`
            : undefined
        }
        actions={
          <>
            {canWrite && total > 0 ? (
              <Button variant="default" leftSection={<IconTags size={16} />} onClick={bulkCtl.open}>
                Tag all matching
              </Button>
            ) : null}
            {/* the empty state carries the only "Add contact" button when there are no contacts */}
            {showEmptyCta ? null : addButton}
          </>
        }
      />
      <ContactFiltersBar
        q={query.q ?? ''}
        tag={query.tag}
        classId={query.contact_class_id}
        sort={query.sort}
        tags={tags.data?.items ?? []}
        classes={classList}
        onChange={(p) => update(p)}
      />
      <TagCloud ws={ws} active={query.tag} onPick={(tag) => update({ tag })} />
      <DeletedNotice ws={ws} />
      <ErrorAlert error={contacts.error} />
      {contacts.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading contacts" />
        </Center>
      ) : beyondLastPage ? (
        <EmptyState
          title={`Page ${query.page} does not exist`}
          description={`There are ${total.toLocaleString('en-US')} ${filtered ? 'matching ' : ''}contacts on ${lastPage} page${lastPage === 1 ? '' : 's'}.`}
          action={
            <Button variant="light" onClick={() => update({ page: lastPage })}>
              Go to page {lastPage}
            </Button>
          }
        />
      ) : contacts.data && contacts.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No matching contacts"
            description="Nothing matches this search and these filters."
            action={
              <Button variant="light" onClick={() => update({ q: null, tag: null, contact_class_id: null })}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<IconUsers size={26} />}
            title="No contacts yet"
            description={canWrite ? 'Add your first contact to start building this workspace.' : 'Nobody has added contacts here yet.'}
            action={addButton}
          />
        )
      ) : contacts.data ? (
        <div style={{ opacity: contacts.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
          <ContactsTable ws={ws} contacts={contacts.data.items} classes={classList} sort={query.sort} onSortChange={(sort) => update({ sort })} />
        </div>
      ) : null}
      {contacts.data && contacts.data.total > 0 && !beyondLastPage ? (
        <PaginationBar
          page={query.page}
          pageSize={query.page_size}
          total={contacts.data.total}
          totalIsEstimate={contacts.data.total_is_estimate}
          noun="contacts"
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(size) => update({ page_size: size })}
        />
      ) : null}
      {canWrite ? <NewContactDrawer ws={ws} opened={drawer} onClose={drawerCtl.close} /> : null}
      {canWrite ? (
        <BulkTagModal
          ws={ws}
          opened={bulk}
          onClose={bulkCtl.close}
          total={total}
          filterSummary={filterSummary}
          filters={{ q: query.q, tag: query.tag, contact_class_id: query.contact_class_id }}
        />
      ) : null}
    </>
  )
}
