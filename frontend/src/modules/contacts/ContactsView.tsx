import { useEffect } from 'react'
import { Button, Center, Loader } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconListCheck, IconPlus, IconUsers } from '@tabler/icons-react'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar } from '../../ui'
import { useContactClasses } from '../settings/classes/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { ExportButton } from '../export/ExportButton'
import { BulkActionDialog } from '../selection/BulkActionDialog'
import { SelectionTray } from '../selection/SelectionTray'
import { useContactSelection } from '../selection/useContactSelection'
import { statusMeta } from '../hygiene/types'
import { ContactFiltersBar } from './ContactFiltersBar'
import { TagCloud } from './TagCloud'
import { ContactsTable, type RowSelection } from './ContactsTable'
import { DeletedNotice } from './DeletedNotice'
import { useContacts, useTags } from './hooks'
import { NewContactDrawer } from './NewContactDrawer'
import type { ContactFilters } from './types'
import { useContactListParams } from './useContactListParams'

/** The contacts list: search, filters, sortable table/cards, pagination, new contact, a selection
 * across pages with bulk actions. */
export function ContactsView() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const { query, update } = useContactListParams()
  const contacts = useContacts(ws, query)
  const classes = useContactClasses(ws)
  const tags = useTags(ws)
  const [drawer, drawerCtl] = useDisclosure(false)
  const [bulk, bulkCtl] = useDisclosure(false)
  const filtered = !!(query.q || query.tag || query.contact_class_id || query.email_status)
  const total = contacts.data?.total ?? 0
  const classList = classes.data?.items ?? []
  const className = classList.find((c) => c.id === query.contact_class_id)?.name
  const filterSummary = filtered
    ? [query.q && `“${query.q}”`, query.tag && `tag ${query.tag}`, className && `class ${className}`, query.email_status && `email status ${statusMeta(query.email_status).label.toLowerCase()}`].filter(Boolean).join(', ')
    : 'no filter (every contact)'
  const picked = useContactSelection(ws)
  const filters: ContactFilters = { q: query.q, tag: query.tag, contact_class_id: query.contact_class_id, email_status: query.email_status }
  const sameFilter = (f: ContactFilters) => (['q', 'tag', 'contact_class_id', 'email_status'] as const).every((k) => (f[k] ?? null) === (filters[k] ?? null))
  const rowSelection: RowSelection | undefined = !canWrite
    ? undefined
    : picked.selection.mode === 'filter'
      ? { isSelected: () => picked.selection.mode === 'filter' && sameFilter(picked.selection.filter), onChange: () => undefined, locked: true }
      : { isSelected: picked.isSelected, onChange: picked.set }
  const selectAll =
    canWrite && total > 0 && picked.selection.mode === 'ids'
      ? {
          label: filtered ? `Select all ${total.toLocaleString('en-US')} matching this filter` : `Select all ${total.toLocaleString('en-US')} contact${total === 1 ? '' : 's'}`,
          onClick: () => picked.selectFilter(filters, total, filtered ? filterSummary : 'every contact'),
        }
      : null
  const selectedDescription =
    picked.selection.mode === 'filter'
      ? `all ${picked.count.toLocaleString('en-US')} contacts matching ${picked.selection.summary}`
      : `${picked.count.toLocaleString('en-US')} selected contact${picked.count === 1 ? '' : 's'}`

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
            {selectAll && picked.count === 0 ? (
              <Button variant="default" leftSection={<IconListCheck size={16} />} onClick={selectAll.onClick}>
                {selectAll.label}
              </Button>
            ) : null}
            <ExportButton ws={ws} filter={filters} total={total} filterSummary={filterSummary} />
            {/* the empty state carries the only "Add contact" button when there are no contacts */}
            {showEmptyCta ? null : addButton}
          </>
        }
      />
      <ContactFiltersBar
        q={query.q ?? ''}
        tag={query.tag}
        classId={query.contact_class_id}
        emailStatus={query.email_status}
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
              <Button variant="light" onClick={() => update({ q: null, tag: null, contact_class_id: null, email_status: null })}>
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
          <ContactsTable
            ws={ws}
            contacts={contacts.data.items}
            classes={classList}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
            selection={rowSelection}
          />
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
      {canWrite && picked.count > 0 ? (
        <>
          {/* room for the tray, so it never covers the pagination */}
          <div style={{ height: 96 }} aria-hidden />
          <SelectionTray
            ws={ws}
            selection={picked.selection}
            count={picked.count}
            onRemove={picked.remove}
            onClear={picked.clear}
            onActions={bulkCtl.open}
            selectAll={filtered ? selectAll : null}
          />
        </>
      ) : null}
      {canWrite ? (
        <BulkActionDialog
          ws={ws}
          opened={bulk}
          onClose={bulkCtl.close}
          selection={picked.body}
          count={picked.count}
          description={selectedDescription}
          onClearSelection={picked.clear}
        />
      ) : null}
    </>
  )
}
