import { Group, Pagination, Select, Text } from '@mantine/core'

type Props = {
  page: number
  pageSize: number
  total: number
  onPageChange: (page: number) => void
  onPageSizeChange?: (size: number) => void
  pageSizes?: number[]
  noun?: string
  /** The API counted up to `total` and stopped: say "10,000+". */
  totalIsEstimate?: boolean
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)))
}

export function rangeLabel(page: number, pageSize: number, total: number, noun = 'items', atLeast = false): string {
  if (total === 0) return `0 ${noun}`
  const from = (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  return `${from}–${to} of ${total.toLocaleString('en-US')}${atLeast ? '+' : ''} ${noun}`
}

export function PaginationBar({
  page,
  pageSize,
  total,
  onPageChange,
  onPageSizeChange,
  pageSizes = [25, 50, 100, 200],
  noun = 'items',
  totalIsEstimate = false,
}: Props) {
  const pages = pageCount(total, pageSize)
  return (
    <Group justify="space-between" mt="md" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {rangeLabel(page, pageSize, total, noun, totalIsEstimate)}
      </Text>
      <Group gap="sm" wrap="wrap">
        {onPageSizeChange ? (
          <Select
            aria-label="Rows per page"
            size="xs"
            w={90}
            data={pageSizes.map(String)}
            value={String(pageSize)}
            onChange={(v) => v && onPageSizeChange(Number(v))}
            allowDeselect={false}
          />
        ) : null}
        {pages > 1 ? (
          <Pagination
            size="sm"
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPageChange}
            siblings={1}
            boundaries={1}
            getControlProps={(control) => ({
              'aria-label':
                control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control,
            })}
            getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
          />
        ) : null}
      </Group>
    </Group>
  )
}
