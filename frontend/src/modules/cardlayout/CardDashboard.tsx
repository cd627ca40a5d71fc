import { Skeleton, Stack } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Responsive, useContainerWidth, type Layout } from 'react-grid-layout'
import 'react-grid-layout/css/styles.css'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { PANEL_HANDLE, PanelFrame } from '../contacts/CardPanelList'
import type { CardPanel, CardPanelProps } from '../contacts/cardPanels'
import { useCan } from '../workspaces/hooks'
import './cardDashboard.css'
import { useCardLayout, useSaveCardLayout } from './hooks'
import { COLS, GAP, ROW_HEIGHT, builtinStack, fitLayout, layoutToSave, readingOrder, sameLayout, withLimits, type WidgetPlace } from './layout'
import { LayoutToolbar } from './LayoutToolbar'

/** Narrower than this (a phone, or a tablet beside the navigation), the card is one column. */
const GRID_MIN_WIDTH = 720
const PHONE = '(max-width: 47.99em)'
const SAVE_AFTER_MS = 600

const BREAKPOINTS = { lg: 0 }
const COLUMNS = { lg: COLS }
const MARGIN = [GAP, GAP] as const
const PADDING = [0, 0] as const

const places = (layout: Layout): WidgetPlace[] => layout.map(({ i, x, y, w, h }) => ({ i, x, y, w, h }))

/**
 * The card's registered panels as widgets each person arranges: dragged by their header and
 * resized on a 12-column grid, saved on the server (modules/cardlayout). Below GRID_MIN_WIDTH
 * the widgets are one column in layout order at their natural height, not movable. A panel
 * the layout does not name goes at the bottom; ids of panels this SPA lacks are ignored.
 */
export function CardDashboard({ panels, ...props }: CardPanelProps & { panels: CardPanel[] }) {
  const ws = props.workspaceId
  const isAdmin = useCan('manage_settings')
  const phone = useMediaQuery(PHONE, false, { getInitialValueInEffect: false })
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true })
  const stacked = phone || width < GRID_MIN_WIDTH

  const current = useCardLayout(ws)
  const save = useSaveCardLayout(ws)
  const saved = current.data?.layout
  const locked = current.data?.locked ?? false
  // Registered panels rarely change; a key keeps the fitted layout stable between renders.
  const panelKey = panels.map((p) => `${p.id}:${p.column}:${p.w}:${p.h}`).join('|')
  const fitted = useMemo(() => fitLayout(saved ?? [], panels), [saved, panelKey]) // eslint-disable-line react-hooks/exhaustive-deps

  // What the person just arranged, shown until the server has it (or refused it).
  const [draft, setDraft] = useState<WidgetPlace[] | null>(null)
  const layout = draft ?? fitted
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const pending = useRef<WidgetPlace[] | null>(null)

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    const next = pending.current
    pending.current = null
    if (!next) return
    save.mutate(layoutToSave(next, saved ?? []), {
      onSettled: (_data, error) => {
        if (pending.current) return // moved again meanwhile: that save follows
        setDraft(null)
        if (isApiError(error) && error.status === 409) void current.refetch() // locked meanwhile
      },
    })
  }, [save, saved, current])

  const flushRef = useRef(flush)
  useEffect(() => {
    flushRef.current = flush
  })
  // Leaving the card right after a move still saves it.
  useEffect(() => () => flushRef.current(), [])

  /** Only a person's drag or resize saves: never mounting, fitting or a narrower screen. */
  const arranged = useCallback(
    (next: Layout) => {
      const moved = places(next)
      if (sameLayout(moved, layout)) return
      setDraft(moved)
      pending.current = moved
      clearTimeout(timer.current)
      timer.current = setTimeout(() => flushRef.current(), SAVE_AFTER_MS)
    },
    [layout],
  )

  const movable = !stacked && !locked && current.isSuccess
  const gridLayouts = useMemo(() => ({ lg: withLimits(layout) }), [layout])
  const dragConfig = useMemo(() => ({ enabled: movable, handle: `.${PANEL_HANDLE}` }), [movable])
  const resizeConfig = useMemo(() => ({ enabled: movable, handles: ['se' as const] }), [movable])
  // Not arranged yet: main panels, then side ones, as the card always was on a phone.
  const stackOrder = saved?.length ? readingOrder(layout) : builtinStack(layout, panels)
  const byId = new Map(panels.map((p) => [p.id, p]))
  const frame = (place: WidgetPlace, fill: boolean) => {
    const panel = byId.get(place.i)!
    return <PanelFrame panel={panel} fill={fill} movable={fill && movable} {...props} />
  }

  return (
    <Stack gap="xs">
      <LayoutToolbar
        ws={ws}
        layout={current.data}
        shown={layout}
        isAdmin={isAdmin}
        movable={movable}
        saving={save.isPending}
        ready={current.isSuccess}
      />
      <ErrorAlert error={save.error} title="Your layout was not saved" />
      <div ref={containerRef} data-testid="card-widgets" data-layout={stacked ? 'stack' : 'grid'}>
        {!mounted || current.isPending ? (
          <Stack gap="md" role="status" aria-label="Loading the card's layout">
            <Skeleton height={160} radius="md" />
            <Skeleton height={160} radius="md" />
          </Stack>
        ) : stacked ? (
          <Stack gap="md">
            {stackOrder.map((place) => (
              <div key={place.i} data-widget={place.i}>
                {frame(place, false)}
              </div>
            ))}
          </Stack>
        ) : (
          <Responsive
            className="card-dashboard"
            width={width}
            breakpoints={BREAKPOINTS}
            cols={COLUMNS}
            layouts={gridLayouts}
            rowHeight={ROW_HEIGHT}
            margin={MARGIN}
            containerPadding={PADDING}
            dragConfig={dragConfig}
            resizeConfig={resizeConfig}
            onDragStop={arranged}
            onResizeStop={arranged}
          >
            {layout.map((place) => (
              <div key={place.i} data-widget={place.i}>
                {frame(place, true)}
              </div>
            ))}
          </Responsive>
        )}
      </div>
    </Stack>
  )
}
