import { Button, Code, Popover, Stack, Text } from '@mantine/core'
import { IconBraces } from '@tabler/icons-react'
import { TEMPLATE_VARIABLES } from './types'

/** "Variables": what a template may use, in a popover. */
export function VariablesHelp() {
  return (
    <Popover width={380} position="bottom-end" withArrow shadow="md" withinPortal>
      <Popover.Target>
        <Button size="compact-sm" variant="light" leftSection={<IconBraces size={14} />}>
          Variables
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw="calc(100vw - 24px)" aria-label="Template variables">
        <Stack gap={8}>
          <Text size="sm" fw={600}>
            What a template can use
          </Text>
          {TEMPLATE_VARIABLES.map((v) => (
            <div key={v.code}>
              <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{v.code}</Code>
              <Text size="xs" c="dimmed">
                {v.meaning}
              </Text>
            </div>
          ))}
          <Text size="xs" c="dimmed">
            A missing value prints nothing. Mistakes (a missing <Code>{'}}'}</Code>, an unknown name) are shown with their line when you save.
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
