import { Group, Loader, Select, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { detailKey } from '../../api/queries'
import { isApiError } from '../../api/errors'
import { errorMessage, useSubmitOnce } from '../../ui'
import { companiesKey, useCompanies, useCompany, useCreateCompany } from './hooks'

const CREATE = '__create__'
const SHOWN = 20

type Props = {
  ws: number
  /** The linked company's id, or null for none. */
  value: number | null
  onChange: (companyId: number | null) => void
  label?: string
  placeholder?: string
  description?: string
  error?: string
  readOnly?: boolean
  disabled?: boolean
  /** Offer "Create company “…”" for a name that is not in the list (members and admins). */
  canCreate?: boolean
}

/**
 * A searchable select over the workspace's companies (searched on the server by name and
 * domain). A typed name that matches no company can be created on the spot and is selected.
 */
export function CompanyPicker({
  ws,
  value,
  onChange,
  label = 'Company',
  placeholder = 'Search companies',
  description,
  error,
  readOnly,
  disabled,
  canCreate = true,
}: Props) {
  const selected = useCompany(ws, value ?? Number.NaN, { enabled: value != null })
  const selectedName = value != null ? selected.data?.name : undefined
  const [search, setSearch] = useState(selectedName ?? '')
  // The box shows the chosen company's name: that is no search, so the whole list is offered.
  useEffect(() => setSearch(selectedName ?? ''), [selectedName])
  const typed = search.trim() === (selectedName ?? '') ? '' : search.trim()
  const [term] = useDebouncedValue(typed, 250)
  const [opened, setOpened] = useState(false)
  const companies = useCompanies(ws, { q: term || undefined, page_size: SHOWN }, { enabled: opened && !readOnly })
  const create = useCreateCompany(ws)
  const { submit } = useSubmitOnce()

  const client = useQueryClient()
  const found = companies.data?.items ?? []
  const domains = new Map(found.map((c) => [String(c.id), c.domain]))
  const options = found.map((c) => ({ value: String(c.id), label: c.name }))
  if (value != null && selectedName && !found.some((c) => c.id === value)) {
    options.unshift({ value: String(value), label: selectedName })
  }
  const exact = found.some((c) => c.name.toLowerCase() === typed.toLowerCase())
  if (canCreate && typed && !exact && term === typed && !companies.isPlaceholderData) {
    options.push({ value: CREATE, label: `Create company “${typed}”` })
  }

  const createAndSelect = (name: string) =>
    submit(async (idempotencyKey) => {
      const company = await create.mutateAsync({ body: { name }, idempotencyKey }).catch(() => null)
      if (company) {
        setSearch(company.name)
        onChange(company.id)
      }
    })

  const createError = isApiError(create.error) ? (create.error.fieldError('name') ?? errorMessage(create.error)) : create.error ? errorMessage(create.error) : undefined
  const busy = create.isPending || (opened && companies.isFetching)

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      data={options}
      value={value != null ? String(value) : null}
      onChange={(v) => {
        if (v === CREATE) void createAndSelect(typed)
        else {
          create.reset()
          // The chosen company is known already: its name shows at once, without a request.
          const chosen = found.find((c) => String(c.id) === v)
          if (chosen) client.setQueryData(detailKey(companiesKey(ws), chosen.id), chosen)
          onChange(v ? Number(v) : null)
        }
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched: show its answer as is (and the "create" option).
      filter={({ options: all }) => all}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
          <Text size="sm" fw={option.value === CREATE ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
            {option.label}
          </Text>
          {domains.get(option.value) ? (
            <Text size="xs" c="dimmed" truncate="end" maw="45%">
              {domains.get(option.value)}
            </Text>
          ) : null}
        </Group>
      )}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setSearch(selectedName ?? '')}
      nothingFoundMessage={companies.isFetching ? 'Searching…' : 'No companies found'}
      clearable={!readOnly}
      readOnly={readOnly}
      disabled={disabled || create.isPending}
      error={error ?? createError}
      rightSection={busy ? <Loader size={14} aria-label="Loading companies" /> : undefined}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  )
}
