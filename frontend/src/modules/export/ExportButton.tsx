import { Button } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconFileExport } from '@tabler/icons-react'
import type { ContactFilters } from '../contacts/types'
import { useCan } from '../workspaces/hooks'
import { ExportDialog } from './ExportDialog'

type Props = { ws: number; filter: ContactFilters; total: number; filterSummary: string }

/** The contacts page's "Export" button: every contact matching the current filter (admins only). */
export function ExportButton({ ws, filter, total, filterSummary }: Props) {
  const isAdmin = useCan('manage_settings')
  const [opened, ctl] = useDisclosure(false)
  if (!isAdmin || total <= 0) return null
  return (
    <>
      <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={ctl.open}>
        Export
      </Button>
      <ExportDialog
        ws={ws}
        opened={opened}
        onClose={ctl.close}
        selection={{ filter }}
        summary={`all ${total.toLocaleString('en-US')} contacts matching ${filterSummary}`}
      />
    </>
  )
}
