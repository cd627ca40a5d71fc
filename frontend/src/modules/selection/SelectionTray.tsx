import { Affix, Badge, Button, CloseButton, Drawer, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconListCheck } from '@tabler/icons-react'
import { Link, useNavigate } from 'react-router'
import { ExportDialog } from '../export/ExportDialog'
import { CheckAddressesButton } from '../hygiene/CheckAddressesButton'
import { MergeDialog } from '../merge/MergeDialog'
import { useCan } from '../workspaces/hooks'
import type { ContactSelection, SelectionBody } from './useContactSelection'

type Props = {
  ws: number
  selection: ContactSelection
  count: number
  onRemove: (id: number) => void
  onClear: () => void
  onActions: () => void
  /** "Select all N matching": shown while some rows are ticked and the list is filtered. */
  selectAll?: { label: string; onClick: () => void } | null
}

const n = (v: number) => v.toLocaleString('en-US')

/** The "Selected contacts" bar at the bottom of the contacts list: the count, a drawer to review
 * and prune it, and the bulk actions. */
export function SelectionTray({ ws, selection, count, onRemove, onClear, onActions, selectAll }: Props) {
  const [review, reviewCtl] = useDisclosure(false)
  const [exporting, exportCtl] = useDisclosure(false)
  const [merging, mergeCtl] = useDisclosure(false)
  const navigate = useNavigate()
  const canExport = useCan('manage_settings') // exports are for admins
  const canWrite = useCan('write_contacts')
  if (count === 0) return null
  const body: SelectionBody =
    selection.mode === 'filter' ? { filter: selection.filter } : { ids: selection.items.map((c) => c.id) }
  const label = selection.mode === 'filter' ? `All ${n(count)} matching` : `${n(count)} selected`
  const mergeable = selection.mode === 'ids' && count >= 2 && count <= 50
  return (
    <>
      {mergeable ? (
        <MergeDialog
          ws={ws}
          ids={selection.mode === 'ids' ? selection.items.map((c) => c.id) : []}
          opened={merging}
          onClose={mergeCtl.close}
          onMerged={(survivor) => {
            onClear() // the others are gone
            navigate(`/w/${ws}/contacts/${survivor}`)
          }}
        />
      ) : null}
      {canExport ? (
        <ExportDialog
          ws={ws}
          opened={exporting}
          onClose={exportCtl.close}
          selection={body}
          summary={selection.mode === 'filter' ? `all ${n(count)} contacts matching ${selection.summary}` : `the ${n(count)} selected contacts`}
        />
      ) : null}
      <Affix position={{ bottom: 0, left: 0, right: 0 }} zIndex={150}>
        <Paper
          shadow="md"
          withBorder
          radius={0}
          px="md"
          py="xs"
          role="region"
          aria-label="Selected contacts"
          style={{ paddingBottom: 'calc(var(--mantine-spacing-xs) + env(safe-area-inset-bottom))' }}
        >
          <Group justify="space-between" gap="xs" wrap="wrap" maw={1200} mx="auto">
            <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
              <Badge size="lg" variant="filled" leftSection={<IconListCheck size={14} />} tt="none">
                {label}
              </Badge>
              {selection.mode === 'filter' && selection.summary ? (
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {selection.summary}
                </Text>
              ) : null}
              {selectAll ? (
                <Button size="compact-sm" variant="subtle" onClick={selectAll.onClick}>
                  {selectAll.label}
                </Button>
              ) : null}
            </Group>
            <Group gap="xs" wrap="wrap">
              <Button size="sm" variant="default" onClick={reviewCtl.open}>
                Review
              </Button>
              {mergeable ? (
                <Button size="sm" variant="default" onClick={mergeCtl.open}>
                  Merge…
                </Button>
              ) : null}
              {canExport ? (
                <Button size="sm" variant="default" onClick={exportCtl.open}>
                  Export
                </Button>
              ) : null}
              {canWrite ? <CheckAddressesButton ws={ws} scope={body} /> : null}
              <Button size="sm" onClick={onActions}>
                Actions…
              </Button>
            </Group>
          </Group>
        </Paper>
      </Affix>
      <Drawer opened={review} onClose={reviewCtl.close} title="Selected contacts" position="right" size="md" scrollAreaComponent={ScrollArea.Autosize}>
        <Stack gap="sm">
          {selection.mode === 'filter' ? (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              Every contact matching {selection.summary || 'the filter'}: {n(count)} when selected. The server finds them again
              when an action runs, within the contacts you may see.
            </Text>
          ) : (
            <Stack gap={4} role="list" aria-label="Selected contacts list">
              {selection.items.map((c) => (
                <Group key={c.id} justify="space-between" wrap="nowrap" gap="xs" role="listitem">
                  <Text
                    component={Link}
                    to={`/w/${ws}/contacts/${c.id}`}
                    size="sm"
                    c="blue"
                    style={{ overflowWrap: 'anywhere', minWidth: 0 }}
                  >
                    {c.name}
                  </Text>
                  <CloseButton size="sm" aria-label={`Remove ${c.name} from the selection`} onClick={() => onRemove(c.id)} />
                </Group>
              ))}
            </Stack>
          )}
          <Group justify="space-between">
            <Button
              variant="light"
              color="red"
              onClick={() => {
                onClear()
                reviewCtl.close()
              }}
            >
              Clear
            </Button>
            <Button
              onClick={() => {
                reviewCtl.close()
                onActions()
              }}
            >
              Actions…
            </Button>
          </Group>
        </Stack>
      </Drawer>
    </>
  )
}
