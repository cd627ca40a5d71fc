import { Badge, Button, Center, Group, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch, IconTags } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { textParam, useListParams } from '../../api/queries'
import { ColorDot, ConfirmButton, EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, useSubmitOnce, type Column } from '../../ui'
import { useTags } from '../contacts/hooks'
import type { Tag } from '../contacts/types'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { useDeleteTag, useMergeTag, useRenameTag, useTagPage } from './hooks'

const FILTERS = { q: textParam('q', { typed: true }) }
const n = (v: number) => v.toLocaleString('en-US')
const contacts = (v: number) => `${n(v)} contact${v === 1 ? '' : 's'}`

function RenameTagModal({ ws, tag, onClose }: { ws: number; tag: Tag | null; onClose: () => void }) {
  const rename = useRenameTag(ws)
  const { submit, pending } = useSubmitOnce()
  const [name, setName] = useState('')
  useEffect(() => setName(tag?.name ?? ''), [tag])
  const close = () => {
    rename.reset()
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!tag) return
    void submit(async () => {
      await rename.mutateAsync({ id: tag.id, name: name.trim() })
      close()
    }).catch(() => undefined)
  }
  return (
    <Modal opened={!!tag} onClose={close} title="Rename tag" centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <ErrorAlert error={rename.fieldError('name') ? null : rename.error} />
          <TextInput label="Name" value={name} maxLength={100} onChange={(e) => setName(e.currentTarget.value)} error={rename.fieldError('name')} data-autofocus />
          <Text size="xs" c="dimmed">
            Every contact with this tag shows the new name.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!name.trim() || name.trim() === tag?.name}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function MergeTagModal({ ws, tag, onClose }: { ws: number; tag: Tag | null; onClose: () => void }) {
  const merge = useMergeTag(ws)
  const { submit, pending } = useSubmitOnce()
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 250)
  const [intoId, setIntoId] = useState<string | null>(null)
  const options = useTags(ws, debounced.trim() || undefined)
  const [into, setInto] = useState<Tag | null>(null)
  useEffect(() => {
    setIntoId(null)
    setInto(null)
    setSearch('')
  }, [tag])
  const data = (options.data?.items ?? []).filter((t) => t.id !== tag?.id).map((t) => ({ value: String(t.id), label: t.name }))
  if (into && !data.some((d) => d.value === String(into.id))) data.unshift({ value: String(into.id), label: into.name })
  const close = () => {
    merge.reset()
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!tag || !intoId) return
    void submit(async () => {
      await merge.mutateAsync({ id: tag.id, into_id: Number(intoId) })
      close()
    }).catch(() => undefined)
  }
  return (
    <Modal opened={!!tag} onClose={close} title={`Merge “${tag?.name ?? ''}” into another tag`} centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <ErrorAlert error={merge.fieldError('into_id') ? null : merge.error} />
          <Select
            label="Merge into"
            placeholder="Search tags"
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={data}
            value={intoId}
            onChange={(v) => {
              setIntoId(v)
              setInto((options.data?.items ?? []).find((t) => String(t.id) === v) ?? null)
            }}
            nothingFoundMessage={options.isFetching ? 'Searching…' : 'No other tag'}
            error={merge.fieldError('into_id')}
            data-autofocus
          />
          {tag && into ? (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              The {contacts(tag.contact_count)} tagged “{tag.name}” get “{into.name}” (kept once, with the later expiry), and “{tag.name}” is
              deleted. Each contact's timeline records it.
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!intoId}>
              Merge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** Settings → Tags: every tag with its count; admins rename, merge and delete them. */
export function TagsSettingsPage() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const { query, update } = useListParams<{ q: string }>({ filters: FILTERS, sort: 'name' })
  const tags = useTagPage(ws, query)
  const remove = useDeleteTag(ws)
  const [renaming, setRenaming] = useState<Tag | null>(null)
  const [merging, setMerging] = useState<Tag | null>(null)
  const [search, setSearch] = useState(query.q ?? '')
  const [debounced] = useDebouncedValue(search, 300)
  useEffect(() => {
    if (debounced.trim() !== (query.q ?? '')) update({ q: debounced.trim() })
  }, [debounced]) // eslint-disable-line react-hooks/exhaustive-deps

  const columns: Column<Tag>[] = [
    {
      key: 'name',
      label: 'Tag',
      sortField: 'name',
      primary: true,
      render: (t) => (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <ColorDot color={t.color} size={12} />
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {t.name}
          </Text>
        </Group>
      ),
    },
    {
      key: 'count',
      label: 'Contacts',
      render: (t) =>
        t.contact_count ? (
          <Text component={Link} to={`/w/${ws}/contacts?tag=${encodeURIComponent(t.name)}`} size="sm" c="blue">
            {contacts(t.contact_count)}
          </Text>
        ) : (
          <Badge size="sm" variant="light" color="gray" tt="none">
            unused
          </Badge>
        ),
    },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (t) => (
        <Group gap="xs" wrap="wrap">
          <Button size="xs" variant="default" onClick={() => setRenaming(t)} aria-label={`Rename ${t.name}`}>
            Rename
          </Button>
          <Button size="xs" variant="default" onClick={() => setMerging(t)} aria-label={`Merge ${t.name}`}>
            Merge…
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            aria-label={`Delete ${t.name}`}
            confirmTitle={`Delete the tag “${t.name}”?`}
            confirmText={t.contact_count ? `It comes off ${contacts(t.contact_count)}. This cannot be undone.` : 'No contact has it.'}
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(t.id)}
          >
            Delete
          </ConfirmButton>
        </Group>
      ),
    })
  }

  const items = tags.data?.items ?? []
  return (
    <>
      <PageHeader title="Tags" description="Every tag of this workspace and how many contacts you can see carry it." />
      <TextInput
        aria-label="Search tags"
        placeholder="Search tags"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="md"
        maw={420}
      />
      <ErrorAlert error={tags.error || remove.error} />
      {tags.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading tags" />
        </Center>
      ) : items.length ? (
        <div style={{ opacity: tags.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable caption="Tags" columns={columns} rows={items} rowKey={(t) => t.id} sort={query.sort} onSortChange={(sort) => update({ sort })} />
        </div>
      ) : query.q ? (
        <EmptyState title="No matching tags" description={`No tag contains “${query.q}”.`} action={<Button variant="light" onClick={() => setSearch('')}>Clear search</Button>} />
      ) : (
        <EmptyState icon={<IconTags size={26} />} title="No tags yet" description="Tags appear here once contacts are tagged." />
      )}
      {tags.data && tags.data.total > 0 ? (
        <PaginationBar
          page={query.page}
          pageSize={query.page_size}
          total={tags.data.total}
          noun="tags"
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(size) => update({ page_size: size })}
        />
      ) : null}
      <RenameTagModal ws={ws} tag={renaming} onClose={() => setRenaming(null)} />
      <MergeTagModal ws={ws} tag={merging} onClose={() => setMerging(null)} />
    </>
  )
}
