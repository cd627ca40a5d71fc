import { Anchor, Button, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { IconPlus, IconTemplate } from '@tabler/icons-react'
import { Link } from 'react-router'
import { textParam, useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDate, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { SearchInput } from '../lists/SearchInput'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { useTemplates } from './hooks'
import type { Template } from './types'

type Filters = { q: string }
const FILTERS = { q: textParam('q', { typed: true }) }
const WRAP = { overflowWrap: 'anywhere' } as const

/** /w/:ws/templates: the email templates, searched and paged in the URL. */
export function TemplatesPage() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: 'name', pageSize: 25 })
  const templates = useTemplates(ws, query)
  const items = templates.data?.items ?? []
  const total = templates.data?.total ?? 0
  const searching = !!query.q

  const newButton = canWrite ? (
    <Button component={Link} to={`/w/${ws}/templates/new`} leftSection={<IconPlus size={16} />}>
      New template
    </Button>
  ) : null

  const columns: Column<Template>[] = [
    {
      key: 'name',
      label: 'Template',
      sortField: 'name',
      primary: true,
      render: (t) => (
        <Anchor component={Link} to={`/w/${ws}/templates/${t.id}`} fw={600} size="sm" style={WRAP}>
          {t.name}
        </Anchor>
      ),
    },
    {
      key: 'subject',
      label: 'Subject',
      render: (t) => (
        <Text lineClamp={2} style={WRAP} ff="monospace" fz="xs">
          {t.subject}
        </Text>
      ),
    },
    { key: 'updated', label: 'Last changed', sortField: 'updated_at', width: 140, render: (t) => <Text size="sm">{formatDate(t.updated_at)}</Text> },
  ]

  return (
    <Stack gap="md">
      <PageHeader
        title="Templates"
        description="The messages campaigns send: a subject, HTML and plain text, personalised for each person (first name, custom fields, tags) with an unsubscribe link."
        actions={total > 0 || searching ? newButton : null}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          aria-label="Search templates"
          placeholder="Search templates by name"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
      </Group>
      <ErrorAlert error={templates.error} />
      {templates.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading templates" />
        </Center>
      ) : items.length === 0 && query.page === 1 ? (
        searching ? (
          <EmptyState title="No template matches your search" description={`Nothing is called “${query.q}”. Check the spelling or clear the search.`} />
        ) : (
          <EmptyState
            icon={<IconTemplate size={26} />}
            title="No templates yet"
            description={
              canWrite
                ? 'Write one: a subject and an HTML message with {{ contact.first_name }} and an unsubscribe link. You see it as a chosen contact would.'
                : 'Members and admins write the templates; they will show up here.'
            }
            action={newButton}
          />
        )
      ) : (
        <div style={{ opacity: templates.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable
            caption="Templates"
            columns={columns}
            rows={items}
            rowKey={(t) => t.id}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
          />
          <PaginationBar page={query.page} pageSize={query.page_size} total={total} noun={total === 1 ? 'template' : 'templates'} onPageChange={(page) => update({ page })} />
        </div>
      )}
    </Stack>
  )
}
