import { ActionIcon, Box, Divider, Group, Indicator, Popover, Progress, ScrollArea, Stack, Text, Tooltip } from '@mantine/core'
import { IconActivity } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useJobs } from './hooks'
import { JobProgress } from './JobProgress'
import { isActive, jobLabel, percent, type Job } from './types'

/** Ids of jobs seen running in this session that have just ended (shown for a while). */
function useRecentlyEnded(jobs: Job[], keepMs = 8000): Set<string> {
  const wasActive = useRef(new Set<string>())
  const [ended, setEnded] = useState<Set<string>>(new Set())
  useEffect(() => {
    const now: string[] = []
    for (const j of jobs) {
      if (isActive(j)) wasActive.current.add(j.id)
      else if (wasActive.current.has(j.id)) {
        wasActive.current.delete(j.id)
        now.push(j.id)
      }
    }
    if (!now.length) return
    setEnded((s) => new Set([...s, ...now]))
    const t = setTimeout(() => setEnded((s) => new Set([...s].filter((id) => !now.includes(id)))), keepMs)
    return () => clearTimeout(t)
  }, [jobs, keepMs])
  return ended
}

function InlineJob({ job }: { job: Job }) {
  const active = isActive(job)
  const pct = percent(job)
  const color = job.status === 'failed' ? 'red' : job.status === 'finished' ? 'teal' : 'blue'
  const label = jobLabel(job)
  return (
    <Stack gap={2} w={170}>
      <Text size="xs" truncate c={job.status === 'failed' ? 'red' : undefined}>
        {label} · {active ? (job.status === 'queued' ? 'queued' : `${pct}%`) : job.status}
      </Text>
      <Progress value={job.status === 'failed' ? 100 : pct} color={color} size="sm" animated={active} aria-label={`${label} progress`} />
    </Stack>
  )
}

/** Header jobs indicator: a progress bar per running job (polled every second), then its final state. */
export function JobsIndicator({ ws }: { ws: number }) {
  const { data } = useJobs(ws)
  const jobs = data?.items ?? []
  const running = jobs.filter(isActive)
  const ended = useRecentlyEnded(jobs)
  const inline = [...running, ...jobs.filter((j) => ended.has(j.id))].slice(0, 2)
  const label = running.length ? `Jobs: ${running.length} running` : 'Jobs'

  return (
    <Group gap="xs" wrap="nowrap">
      {inline.length ? (
        <Box visibleFrom="md" aria-live="polite">
          <Group gap="sm" wrap="nowrap">
            {inline.map((j) => (
              <InlineJob key={j.id} job={j} />
            ))}
          </Group>
        </Box>
      ) : null}
      <Popover width={320} position="bottom-end" shadow="md" withArrow>
        <Popover.Target>
          <Indicator disabled={!running.length} label={running.length} size={16} offset={4}>
            <Tooltip label={label}>
              <ActionIcon variant={running.length ? 'light' : 'subtle'} size="lg" aria-label={label}>
                <IconActivity size={18} />
              </ActionIcon>
            </Tooltip>
          </Indicator>
        </Popover.Target>
        <Popover.Dropdown>
          <Text fw={600} size="sm">
            Background jobs
          </Text>
          <Divider my="xs" />
          {jobs.length === 0 ? (
            <Text size="sm" c="dimmed">
              No recent jobs.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360}>
              <Stack gap="md">
                {jobs.map((j) => (
                  <JobProgress key={j.id} job={j} ws={ws} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Group>
  )
}
