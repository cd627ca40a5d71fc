import { Paper, Skeleton, Stack, Title } from '@mantine/core'
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

function PanelFrame({ panel, ...props }: CardPanelProps & { panel: CardPanel }) {
  const titleId = useId()
  const Panel = panel.component
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Title id={titleId} order={3} fz="h4" mb="sm">
        {panel.title}
      </Title>
      {/* keyed by contact: a panel that failed on one contact gets a fresh try on the next */}
      <ErrorBoundary key={props.contactId} fallback={(error) => <ErrorAlert error={error} title={`${panel.title} could not be shown`} />}>
        <Suspense fallback={<PanelSkeleton title={panel.title} />}>
          <Panel {...props} />
        </Suspense>
      </ErrorBoundary>
    </Paper>
  )
}

/** Registered contact card panels, each loaded on its own and failing on its own. */
export function CardPanelList({ panels, ...props }: CardPanelProps & { panels: CardPanel[] }) {
  return panels.map((panel) => <PanelFrame key={panel.id} panel={panel} {...props} />)
}
