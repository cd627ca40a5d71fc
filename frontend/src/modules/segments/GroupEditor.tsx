import { ActionIcon, Button, Group, Paper, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core'
import { IconBracketsContain, IconPlus, IconTrash } from '@tabler/icons-react'
import { Fragment } from 'react'
import { useBuilder } from './builderContext'
import { RuleEditor } from './RuleEditor'
import { addGroup, addRule, canAddGroup, isGroup, removeAt, setGroupOp, type GroupNode, type Path } from './rules'

const SHADES = ['blue', 'grape', 'teal', 'orange', 'pink']

/** A group: all or any of its rules and groups, with buttons to add more. */
export function GroupEditor({ group, path }: { group: GroupNode; path: Path }) {
  const { edit, errors, readOnly } = useBuilder()
  const root = path.length === 0
  const name = root ? 'All rules' : `Group ${path.map((i) => i + 1).join('.')}`
  const problems = errors[group.key] ?? []
  const joiner = group.op === 'and' ? 'and' : 'or'
  const color = SHADES[path.length % SHADES.length]
  return (
    <Paper
      withBorder={!root}
      radius="md"
      p={root ? 0 : 'xs'}
      role="group"
      aria-label={name}
      data-testid={root ? undefined : 'segment-group'}
      style={root ? undefined : { borderLeft: `3px solid var(--mantine-color-${color}-5)`, background: `var(--mantine-color-${color}-light)` }}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {root ? 'Contacts matching' : 'Matching'}
            </Text>
            <SegmentedControl
              size="xs"
              aria-label={`${name}: match`}
              value={group.op}
              onChange={(v) => edit((r) => setGroupOp(r, path, v as 'and' | 'or'))}
              readOnly={readOnly}
              data={[
                { value: 'and', label: 'all (AND)' },
                { value: 'or', label: 'any (OR)' },
              ]}
            />
            <Text size="sm" fw={600}>
              of these
            </Text>
          </Group>
          {!root && !readOnly ? (
            <Tooltip label="Remove this group and its rules" withArrow>
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${name.toLowerCase()}`} onClick={() => edit((r) => removeAt(r, path))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
        {problems.map((p, i) => (
          <Text key={i} size="xs" c="red" role="alert">
            {p.message}
          </Text>
        ))}
        {group.rules.map((item, index) => (
          <Fragment key={item.key}>
            {index > 0 ? (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" pl="xs" aria-hidden>
                {joiner}
              </Text>
            ) : null}
            {isGroup(item) ? <GroupEditor group={item} path={[...path, index]} /> : <RuleEditor rule={item} path={[...path, index]} />}
          </Fragment>
        ))}
        {!group.rules.length ? (
          <Text size="sm" c="dimmed">
            {root ? 'No rules yet: every contact you may see matches.' : 'An empty group is left out.'}
          </Text>
        ) : null}
        {readOnly ? null : (
          <Group gap="xs">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => edit((r) => addRule(r, path))} aria-label={`Add rule to ${name.toLowerCase()}`}>
              Add rule
            </Button>
            {canAddGroup(path) ? (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconBracketsContain size={14} />}
                onClick={() => edit((r) => addGroup(r, path))}
                aria-label={`Add group to ${name.toLowerCase()}`}
              >
                Add group
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </Paper>
  )
}
