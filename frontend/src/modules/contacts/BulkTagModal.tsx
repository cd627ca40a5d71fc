import { Button, Chip, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { ErrorAlert, useSubmitOnce } from '../../ui'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { isActive } from '../jobs/types'
import { useBulkTag, useTags } from './hooks'
import type { ContactFilters } from './types'

type Props = {
  ws: number
  opened: boolean
  onClose: () => void
  filters: ContactFilters
  total: number
  filterSummary: string
}

/** "Tag all matching": adds or removes a tag on every contact matching the list's filters, as a job. */
export function BulkTagModal({ ws, opened, onClose, filters, total, filterSummary }: Props) {
  const bulk = useBulkTag(ws)
  const tags = useTags(ws)
  const [tag, setTag] = useState('')
  const [mode, setMode] = useState<'add' | 'remove'>('add')
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(ws, jobId)
  const needle = tag.trim().toLowerCase()
  const suggestions = (tags.data?.items ?? [])
    .map((t) => t.name)
    .filter((n) => !needle || n.toLowerCase().includes(needle))
    .slice(0, 8)

  const close = () => {
    bulk.reset()
    setJobId(null)
    setTag('')
    onClose()
  }

  const { submit: once } = useSubmitOnce()
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const body = {
      tag: tag.trim(),
      remove: mode === 'remove',
      q: filters.q || undefined,
      tag_filter: filters.tag || undefined,
      contact_class_id: filters.contact_class_id,
    }
    void once(async (idempotencyKey) => {
      const res = await bulk.mutateAsync({ body, idempotencyKey }).catch(() => null)
      if (res) setJobId(res.job_id)
    })
  }

  return (
    <Modal opened={opened} onClose={close} title="Tag all matching contacts" centered>
      {jobId ? (
        <Stack>
          {job.data ? <JobProgress job={job.data} ws={ws} /> : <Text size="sm">Starting…</Text>}
          <ErrorAlert error={job.error} />
          <Group justify="flex-end">
            <Button onClick={close} variant={job.data && !isActive(job.data) ? 'filled' : 'default'}>
              {job.data && !isActive(job.data) ? 'Done' : 'Close (keeps running)'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              Applies to all <b>{total.toLocaleString('en-US')}</b> contacts matching {filterSummary}.
            </Text>
            <ErrorAlert error={bulk.error} />
            <SegmentedControl
              aria-label="Add or remove"
              value={mode}
              onChange={(v) => setMode(v as 'add' | 'remove')}
              data={[
                { value: 'add', label: 'Add tag' },
                { value: 'remove', label: 'Remove tag' },
              ]}
            />
            <TextInput
              label="Tag"
              placeholder="e.g. newsletter"
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
              error={bulk.fieldError('tag')}
              autoComplete="off"
            />
            {suggestions.length ? (
              <Group gap={6} aria-label="Existing tags">
                {suggestions.map((name) => (
                  <Chip key={name} size="xs" checked={name === tag} onChange={() => setTag(name)}>
                    {name}
                  </Chip>
                ))}
              </Group>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={bulk.isPending} disabled={!tag.trim()} color={mode === 'remove' ? 'red' : undefined}>
                {mode === 'remove' ? 'Remove tag from all' : 'Add tag to all'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
