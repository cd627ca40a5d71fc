import { Box, Group, Paper, Skeleton, Stack, Title } from '@mantine/core'
import { IconGripVertical } from '@tabler/icons-react'
import { Suspense, useId } from 'react'
import { ErrorAlert, ErrorBoundary } from '../../ui'
import type { CardPanel, CardPanelProps } from './cardPanels'

function PanelSkeleton({ title }: { title: string }) {
  return (
    <Stack gap="xs" role="status" aria-label={`Loading ${title}`}>
      <Skeleton height={12} width="70%" />
      <Skeleton height={12} />
      <Skeleton height={12} width="45%" />
    </Stack>
  )
}

/** Class of the header that moves a widget on the card's grid (modules/cardlayout). */
export const PANEL_HANDLE = 'card-panel-handle'

type FrameOptions = {
  /** On the card's grid: fills its cell, and the content scrolls inside it. */
  fill?: boolean
  /** The header is a drag handle. */
  movable?: boolean
}

/** One panel: its title, then its content, loaded on its own and failing on its own. */
export function PanelFrame({ panel, fill = false, movable = false, ...props }: CardPanelProps & FrameOptions & { panel: CardPanel }) {
  const titleId = useId()
  const Panel = panel.component
  const pad = { base: 'sm', sm: 'lg' }
  return (
    <Paper
      component="section"
      aria-labelledby={titleId}
      withBorder
      radius="md"
      h={fill ? '100%' : undefined}
      style={fill ? { display: 'flex', flexDirection: 'column', overflow: 'hidden' } : undefined}
    >
      <Group
        className={movable ? PANEL_HANDLE : undefined}
        gap={6}
        wrap="nowrap"
        px={pad}
        pt={pad}
        pb="sm"
        style={movable ? { cursor: 'grab', touchAction: 'none', userSelect: 'none' } : undefined}
        title={movable ? 'Drag to move' : undefined}
      >
        {movable ? <IconGripVertical size={16} aria-hidden style={{ flex: 'none', color: 'var(--mantine-color-dimmed)' }} /> : null}
        <Title id={titleId} order={3} fz="h4" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {panel.title}
        </Title>
      </Group>
      <Box
        px={pad}
        pb={pad}
        style={fill ? { flex: 1, minHeight: 0, overflowY: 'auto', overscrollBehavior: 'contain' } : undefined}
        data-testid={fill ? 'panel-body' : undefined}
      >
        {/* keyed by contact: a panel that failed on one contact gets a fresh try on the next */}
        <ErrorBoundary key={props.contactId} fallback={(error) => <ErrorAlert error={error} title={`${panel.title} could not be shown`} />}>
          <Suspense fallback={<PanelSkeleton title={panel.title} />}>
            <Panel {...props} />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Paper>
  )
}

/** Registered contact card panels, each loaded on its own and failing on its own. */
export function CardPanelList({ panels, ...props }: CardPanelProps & { panels: CardPanel[] }) {
  return panels.map((panel) => <PanelFrame key={panel.id} panel={panel} {...props} />)
}
