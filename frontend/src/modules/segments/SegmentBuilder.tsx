import { Anchor, Breadcrumbs, Button, Grid, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert, PageHeader, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { useTags } from '../contacts/hooks'
import { useLists } from '../lists/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { useCan } from '../workspaces/hooks'
import { BuilderContext, type Builder } from './builderContext'
import { fieldCatalog, isComplete } from './fields'
import { GroupEditor } from './GroupEditor'
import { useSaveSegment, useSegmentCount, useSegmentPreview, type Segment } from './hooks'
import { LiveCount } from './LiveCount'
import { compile, errorsByNode, fromApi, newGroup, newRule, toApi, type GroupNode, type NodeErrors } from './rules'
import { SegmentPreview } from './SegmentPreview'

const PREVIEW_SIZE = 10
const WRAP = { overflowWrap: 'anywhere' } as const

const snapshot = (name: string, description: string, root: GroupNode) =>
  JSON.stringify({ name: name.trim(), description: description.trim(), rules: toApi(root) })

function merge(...all: NodeErrors[]): NodeErrors {
  const out: NodeErrors = {}
  for (const errors of all) for (const [key, list] of Object.entries(errors)) out[key] = [...(out[key] ?? []), ...list]
  return out
}

/** The builder itself: the rule tree, its live count and preview, and saving it. */
export function SegmentBuilder({ ws, segment }: { ws: number; segment: Segment | null }) {
  const canWrite = useCan('write_contacts')
  const navigate = useNavigate()
  const fields = useCustomFields(ws, 'contact')
  const tags = useTags(ws)
  const lists = useLists(ws, { page_size: 200 })
  const [root, setRoot] = useState<GroupNode>(() => (segment ? fromApi(segment.rules) : newGroup('and', [newRule()])))
  const [name, setName] = useState(segment?.name ?? '')
  const [description, setDescription] = useState(segment?.description ?? '')
  const [baseline, setBaseline] = useState(() => snapshot(name, description, root))
  const save = useSaveSegment(ws)
  const { submit, pending } = useSubmitOnce()
  const [sentOrigin, setSentOrigin] = useState<Record<string, string>>({})
  const dirty = snapshot(name, description, root) !== baseline
  useUnsavedChanges(canWrite && dirty && !pending)

  // The live count: complete rules only, 300 ms after the last change.
  const catalog = useMemo(() => fieldCatalog(fields.data?.items ?? []), [fields.data])
  const compiled = useMemo(() => compile(root, (r) => isComplete(r, catalog)), [root, catalog])
  const [settled] = useDebouncedValue(compiled, 300)
  const count = useSegmentCount(ws, settled.rules)
  const [previewPage, setPreviewPage] = useState(1)
  const settledBody = JSON.stringify(settled.rules)
  useEffect(() => setPreviewPage(1), [settledBody])
  const preview = useSegmentPreview(ws, settled.rules, { page: previewPage, page_size: PREVIEW_SIZE }, !count.error)

  const incomplete = useMemo(() => {
    const keys = new Set<string>()
    const walk = (g: GroupNode) => g.rules.forEach((n) => (n.kind === 'group' ? walk(n) : isComplete(n, catalog) ? null : keys.add(n.key)))
    walk(root)
    return keys
  }, [root, catalog])
  const countErrors = isApiError(count.error) ? errorsByNode(count.error.errors, settled.origin) : {}
  const saveErrors = isApiError(save.error) ? errorsByNode(save.error.errors, sentOrigin) : {}

  const builder: Builder = {
    catalog,
    tags: (tags.data?.items ?? []).map((t) => t.name),
    lists: (lists.data?.items ?? []).map((l) => ({ value: String(l.id), label: l.name })),
    errors: merge(countErrors, saveErrors),
    incomplete,
    edit: (change) => setRoot((r) => change(r)),
    readOnly: !canWrite,
  }

  const onSave = (e: React.FormEvent) => {
    e.preventDefault()
    const sent = compile(root)
    setSentOrigin(sent.origin)
    const body = { name: name.trim(), description: description.trim() || null, rules: sent.rules }
    const saving = snapshot(name, description, root)
    void submit(async (idempotencyKey) => {
      const saved = await save.mutateAsync({ id: segment?.id, body, idempotencyKey })
      setBaseline(saving)
      if (!segment) navigate(`/w/${ws}/segments/${saved.id}`, { replace: true })
    }).catch(() => undefined)
  }
  const fieldProblem = save.fieldError('name') || save.fieldError('description')

  const details = canWrite ? (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Segment details">
      <form onSubmit={onSave} noValidate aria-label="Save segment">
        <Stack gap="sm">
          <TextInput
            label="Name"
            placeholder="e.g. Klienci z Warszawy"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            error={save.fieldError('name')}
            withAsterisk
          />
          <Textarea
            label="Description"
            rows={2}
            maxLength={1000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={save.fieldError('description')}
          />
          <ErrorAlert error={fieldProblem ? null : save.error} />
          <Button type="submit" loading={pending} disabled={!name.trim() || (!dirty && !!segment)} leftSection={<IconDeviceFloppy size={16} />}>
            {segment ? 'Save changes' : 'Save segment'}
          </Button>
          {segment && !dirty && save.isSuccess ? (
            <Text size="xs" c="teal" role="status">
              Saved.
            </Text>
          ) : dirty && segment ? (
            <Text size="xs" c="dimmed">
              Unsaved changes.
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  ) : null

  return (
    <BuilderContext.Provider value={builder}>
      <Stack gap="md">
        <nav aria-label="Breadcrumb">
          <Breadcrumbs>
            <Anchor component={Link} to={`/w/${ws}/segments`} size="sm">
              Segments
            </Anchor>
            <Text size="sm" c="dimmed" lineClamp={1} style={WRAP}>
              {segment?.name ?? 'New segment'}
            </Text>
          </Breadcrumbs>
        </nav>
        <PageHeader
          title={segment?.name ?? 'New segment'}
          description="Contacts matching rules on their profile, custom fields, tags, lists, purchases and activity. A saved segment stays current: it is counted again each time it is used."
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
            <Stack gap="sm">
              <div style={{ position: 'sticky', top: 68, zIndex: 3 }}>
                <LiveCount
                  count={count.data}
                  counting={count.isFetching || compiled !== settled}
                  error={count.error}
                  skipped={settled.skipped}
                  empty={root.rules.length === 0}
                />
              </div>
              <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="segment-rules-title">
                <Title id="segment-rules-title" order={3} fz="h4" mb="sm">
                  Rules
                </Title>
                <GroupEditor group={root} path={[]} />
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
            {details}
          </Grid.Col>
        </Grid>
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="segment-preview-title">
          <Title id="segment-preview-title" order={3} fz="h4" mb="sm">
            Matching contacts
          </Title>
          <SegmentPreview
            ws={ws}
            data={count.error ? undefined : preview.data}
            loading={preview.isFetching}
            stale={preview.isPlaceholderData || compiled !== settled}
            error={count.error ? null : preview.error}
            onPageChange={setPreviewPage}
          />
          {count.error ? (
            <Text size="sm" c="dimmed">
              Fix the rules marked in red to see who matches.
            </Text>
          ) : null}
        </Paper>
      </Stack>
    </BuilderContext.Provider>
  )
}
