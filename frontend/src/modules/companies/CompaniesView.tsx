import { Anchor, Button, Center, Grid, Loader, Modal, Select, Text, TextInput } from '@mantine/core'
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks'
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, useSubmitOnce, type Column } from '../../ui'
import { useCustomFields } from '../settings/fields/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { CompanyForm } from './CompanyForm'
import { useCompanies, useCompanyListParams, useCreateCompany } from './hooks'
import type { Company } from './types'

const SORT_OPTIONS = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
]

/** The companies list: search, sort, a table (cards on phones), paging, and "Add company". */
export function CompaniesView() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const { query, update } = useCompanyListParams()
  const companies = useCompanies(ws, query)
  const [adding, addCtl] = useDisclosure(false)
  const total = companies.data?.total ?? 0
  const filtered = !!query.q
  const lastPage = Math.max(1, Math.ceil(total / query.page_size))
  const beyondLastPage = !!companies.data && companies.data.items.length === 0 && total > 0 && query.page > lastPage
  useEffect(() => {
    window.scrollTo({ top: 0 })
  }, [query.page])

  const addButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} />} onClick={addCtl.open}>
      Add company
    </Button>
  ) : null
  const showEmptyCta = !!companies.data && total === 0 && !filtered

  return (
    <>
      <PageHeader
        title="Companies"
        description={companies.data ? `${total.toLocaleString('en-US')} ${filtered ? 'matching' : 'in this workspace'}` : undefined}
        actions={showEmptyCta ? null : addButton}
      />
      <CompanySearchBar q={query.q ?? ''} sort={query.sort} onChange={update} />
      <ErrorAlert error={companies.error} />
      {companies.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading companies" />
        </Center>
      ) : beyondLastPage ? (
        <EmptyState
          title={`Page ${query.page} does not exist`}
          description={`There are ${total.toLocaleString('en-US')} companies on ${lastPage} page${lastPage === 1 ? '' : 's'}.`}
          action={
            <Button variant="light" onClick={() => update({ page: lastPage })}>
              Go to page {lastPage}
            </Button>
          }
        />
      ) : companies.data && companies.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No matching companies"
            description="No company name or domain matches this search."
            action={
              <Button variant="light" onClick={() => update({ q: null })}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<IconBuildingSkyscraper size={26} />}
            title="No companies yet"
            description={canWrite ? 'Add the organisations your contacts work for.' : 'Nobody has added companies here yet.'}
            action={addButton}
          />
        )
      ) : companies.data ? (
        <div style={{ opacity: companies.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
          <CompaniesTable ws={ws} companies={companies.data.items} sort={query.sort} onSortChange={(sort) => update({ sort })} />
        </div>
      ) : null}
      {companies.data && total > 0 && !beyondLastPage ? (
        <PaginationBar
          page={query.page}
          pageSize={query.page_size}
          total={total}
          noun="companies"
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(size) => update({ page_size: size })}
        />
      ) : null}
      {canWrite ? <NewCompanyModal ws={ws} opened={adding} onClose={addCtl.close} /> : null}
    </>
  )
}

type SearchProps = { q: string; sort: string; onChange: (patch: { q?: string | null; sort?: string }) => void }

function CompanySearchBar({ q, sort, onChange }: SearchProps) {
  const [search, setSearch] = useState(q)
  const [debounced] = useDebouncedValue(search, 300)
  useEffect(() => {
    if (debounced.trim() !== q) onChange({ q: debounced.trim() })
  }, [debounced]) // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => setSearch((s) => (s.trim() === q ? s : q)), [q])
  return (
    <Grid gap="sm" mb="md" align="flex-end">
      <Grid.Col span={{ base: 12, sm: 8, md: 6 }}>
        <TextInput
          aria-label="Search companies"
          placeholder="Search name or domain"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          maxLength={200}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
        <Select
          aria-label="Sort by"
          data={SORT_OPTIONS.some((o) => o.value === sort) ? SORT_OPTIONS : [...SORT_OPTIONS, { value: sort, label: sort }]}
          value={sort}
          onChange={(v) => v && onChange({ sort: v })}
          allowDeselect={false}
        />
      </Grid.Col>
    </Grid>
  )
}

type TableProps = { ws: number; companies: Company[]; sort: string; onSortChange: (sort: string) => void }

function CompaniesTable({ ws, companies, sort, onSortChange }: TableProps) {
  const columns: Column<Company>[] = [
    {
      key: 'name',
      label: 'Name',
      sortField: 'name',
      primary: true,
      render: (c) => (
        <Anchor component={Link} to={`/w/${ws}/companies/${c.id}`} fw={600} style={{ display: 'block', maxWidth: 280, overflowWrap: 'anywhere' }}>
          {c.name}
        </Anchor>
      ),
    },
    { key: 'domain', label: 'Domain', render: (c) => <Text size="sm" truncate="end" maw={200} title={c.domain ?? undefined}>{c.domain || '—'}</Text> },
    { key: 'industry', label: 'Industry', render: (c) => <Text size="sm" lineClamp={2} maw={200} style={{ overflowWrap: 'anywhere' }}>{c.industry || '—'}</Text> },
    { key: 'size', label: 'Size', render: (c) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{c.size ?? '—'}</Text> },
    { key: 'contacts', label: 'Contacts', render: (c) => <Text size="sm">{c.contact_count.toLocaleString('en-US')}</Text> },
  ]
  return <ResponsiveTable caption="Companies" columns={columns} rows={companies} rowKey={(c) => c.id} sort={sort} onSortChange={onSortChange} />
}

function NewCompanyModal({ ws, opened, onClose }: { ws: number; opened: boolean; onClose: () => void }) {
  const create = useCreateCompany(ws)
  const fields = useCustomFields(ws, 'company')
  const { submit } = useSubmitOnce()
  const navigate = useNavigate()
  const narrow = useMediaQuery('(max-width: 48em)')
  const close = () => {
    create.reset()
    onClose()
  }
  return (
    <Modal opened={opened} onClose={close} title="New company" size="lg" fullScreen={narrow} centered>
      <CompanyForm
        ws={ws}
        fields={fields.data?.items ?? []}
        error={create.error}
        submitting={create.isPending}
        onCancel={close}
        submitLabel="Add company"
        onSubmit={(body) =>
          submit(async (idempotencyKey) => {
            const company = await create.mutateAsync({ body, idempotencyKey }).catch(() => null)
            if (!company) return // the error shows in the form
            close()
            navigate(`/w/${ws}/companies/${company.id}`)
          })
        }
      />
    </Modal>
  )
}
