import { Button, Collapse, Group, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react'
import { ErrorAlert } from '../../ui'
import { useTagCloud } from './hooks'

/** Font size for a count between the smallest and largest in the cloud (rem, 0.8 to 1.4). */
export function cloudSize(count: number, min: number, max: number): number {
  if (max <= min) return 1
  return 0.8 + (0.6 * Math.log(count / min + 1)) / Math.log(max / min + 1)
}

/** The most used tags over the contacts I may see; a tag filters the list. */
export function TagCloud({ ws, active, onPick }: { ws: number; active?: string; onPick: (tag: string | null) => void }) {
  const [open, { toggle }] = useDisclosure(false)
  const cloud = useTagCloud(ws)
  const items = cloud.data?.items ?? []
  if (!cloud.isPending && !cloud.error && !items.length) return null
  const counts = items.map((t) => t.count)
  const [min, max] = [Math.min(...counts), Math.max(...counts)]
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={toggle}
        aria-expanded={open}
        leftSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
      >
        Tag cloud
      </Button>
      <Collapse expanded={open}>
        <ErrorAlert error={cloud.error} />
        <Group gap="xs" mt="xs" aria-label="Tags by how many contacts have them">
          {items.map((t) => (
            <UnstyledButton
              key={t.id}
              onClick={() => onPick(active?.toLowerCase() === t.name.toLowerCase() ? null : t.name)}
              aria-pressed={active?.toLowerCase() === t.name.toLowerCase()}
              title={`${t.count} contacts`}
            >
              <Text
                span
                fz={`${cloudSize(t.count, min, max)}rem`}
                fw={active?.toLowerCase() === t.name.toLowerCase() ? 700 : 500}
                c={active?.toLowerCase() === t.name.toLowerCase() ? 'blue' : undefined}
                style={{ overflowWrap: 'anywhere' }}
              >
                {t.name}
                <Text span size="xs" c="dimmed">
                  {' '}
                  {t.count}
                </Text>
              </Text>
            </UnstyledButton>
          ))}
        </Group>
      </Collapse>
    </div>
  )
}
