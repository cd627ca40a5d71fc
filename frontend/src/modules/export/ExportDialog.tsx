import { Anchor, Button, Center, Checkbox, Group, Loader, Modal, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorAlert, formatDateTime, useSubmitOnce } from '../../ui'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { isActive } from '../jobs/types'
import { downloadOf, useExportColumns, useStartExport, type ExportSelection } from './hooks'

type Props = {
  ws: number
  opened: boolean
  onClose: () => void
  selection: ExportSelection
  /** What the selection is, for people: "12 selected contacts", "all 340 matching “kowal”". */
  summary: string
}

/** Export a selection to CSV: choose columns (custom fields too) and a BOM for Excel, follow
 * the job, then download the file through its signed link (valid for 24 hours). */
export function ExportDialog({ ws, opened, onClose, selection, summary }: Props) {
  const columns = useExportColumns(ws, opened)
  const start = useStartExport(ws)
  const [chosen, setChosen] = useState<string[] | null>(null)
  const [bom, setBom] = useState(false)
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(ws, jobId)
  const { submit: once, pending } = useSubmitOnce()
  const items = columns.data?.items ?? []
  const picked = chosen ?? columns.data?.default ?? []
  // Keep the order the columns are listed in, whatever order they were ticked in.
  const ordered = items.map((c) => c.key).filter((k) => picked.includes(k))
  const download = job.data?.status === 'finished' ? downloadOf(job.data.result) : null

  const close = () => {
    start.reset()
    setJobId(null)
    setChosen(null)
    onClose()
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    void once(async (idempotencyKey) => {
      const res = await start.mutateAsync({ input: { selection, columns: ordered, bom }, idempotencyKey }).catch(() => null)
      if (res) setJobId(res.job_id)
    })
  }

  return (
    <Modal opened={opened} onClose={close} title="Export contacts to CSV" centered size="lg">
      {jobId ? (
        <Stack>
          {job.data ? <JobProgress job={job.data} ws={ws} /> : <Text size="sm">Starting…</Text>}
          <ErrorAlert error={job.error} />
          {download ? (
            <Stack gap={4}>
              <Button component="a" href={download.url} download leftSection={<IconDownload size={16} />}>
                Download CSV{download.rows !== undefined ? ` (${download.rows.toLocaleString('en-US')} contacts)` : ''}
              </Button>
              {download.expiresAt ? (
                <Text size="xs" c="dimmed" ta="center">
                  The link works until {formatDateTime(download.expiresAt)}.
                </Text>
              ) : null}
            </Stack>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={close} variant="default">
              {job.data && !isActive(job.data) ? 'Close' : 'Close (keeps running)'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              Exports {summary}. Contacts you cannot see are never included.
            </Text>
            <ErrorAlert error={columns.error ?? (start.fieldError('columns') ? null : start.error)} />
            {columns.isPending ? (
              <Center py="md">
                <Loader size="sm" aria-label="Loading columns" />
              </Center>
            ) : (
              <Checkbox.Group
                label="Columns"
                description="In this order in the file; custom fields are marked."
                value={picked}
                onChange={setChosen}
                error={start.fieldError('columns') ?? (ordered.length ? undefined : 'Choose at least one column.')}
              >
                <Group gap="xs" mt={6} mb={4}>
                  <Anchor component="button" type="button" size="xs" onClick={() => setChosen(items.map((c) => c.key))}>
                    All
                  </Anchor>
                  <Anchor component="button" type="button" size="xs" onClick={() => setChosen(columns.data?.default ?? [])}>
                    Default
                  </Anchor>
                  <Anchor component="button" type="button" size="xs" onClick={() => setChosen([])}>
                    None
                  </Anchor>
                </Group>
                <ScrollArea.Autosize mah={320}>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing={6}>
                    {items.map((c) => (
                      <Checkbox
                        key={c.key}
                        value={c.key}
                        label={c.custom ? `${c.label} (custom)` : c.label}
                        styles={{ label: { overflowWrap: 'anywhere' } }}
                      />
                    ))}
                  </SimpleGrid>
                </ScrollArea.Autosize>
              </Checkbox.Group>
            )}
            <Checkbox
              label="For Excel (add a byte order mark)"
              description="Excel then reads Polish, Cyrillic and other non-English letters correctly."
              checked={bom}
              onChange={(e) => setBom(e.currentTarget.checked)}
            />
            <Text size="xs" c="dimmed">
              Cells that start with = + - @ get a leading ' so spreadsheets show them as text instead of running them.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={start.isPending || pending} disabled={!ordered.length || columns.isPending}>
                Export
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
