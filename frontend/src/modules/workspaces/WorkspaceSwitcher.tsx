import { ActionIcon, Group, Select, Tooltip, VisuallyHidden } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconBuildingStore, IconPlus } from '@tabler/icons-react'
import { useLocation, useNavigate } from 'react-router'
import { useMe } from '../auth/hooks'
import { groupByAgency, useManagedAgencies, useWorkspaceId } from './hooks'
import { NewWorkspaceModal } from './NewWorkspaceModal'

/** Header control listing /me workspaces grouped by agency, plus "New workspace". */
export function WorkspaceSwitcher() {
  const { data: me } = useMe()
  const current = useWorkspaceId()
  const navigate = useNavigate()
  const location = useLocation()
  const [opened, { open, close }] = useDisclosure(false)
  const canCreate = useManagedAgencies().length > 0
  const data = groupByAgency(me?.workspaces ?? [])

  const switchTo = (value: string | null) => {
    if (!value || Number(value) === current) return
    // keep the section (contacts/settings) when switching, but not a specific record
    const section = location.pathname.match(/^\/w\/[^/]+\/(settings\/[^/]+|settings|contacts)/)?.[1] ?? 'contacts'
    navigate(`/w/${value}/${section}`)
  }

  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flex: '0 1 auto' }}>
      <Select
        aria-label="Workspace"
        placeholder="Choose workspace"
        data={data}
        value={Number.isFinite(current) ? String(current) : null}
        onChange={switchTo}
        allowDeselect={false}
        searchable={(me?.workspaces.length ?? 0) > 8}
        leftSection={<IconBuildingStore size={16} />}
        w={{ base: 168, xs: 200, sm: 240 }}
        comboboxProps={{ width: 260, position: 'bottom-start' }}
        nothingFoundMessage="No workspace"
      />
      {canCreate ? (
      <Tooltip label="New workspace">
        <ActionIcon variant="light" size="lg" onClick={open}>
          <IconPlus size={18} aria-hidden />
          {/* named by its text, not aria-label, so getByLabel('Workspace') finds only the switcher */}
          <VisuallyHidden>New workspace</VisuallyHidden>
        </ActionIcon>
      </Tooltip>
      ) : null}
      {canCreate ? <NewWorkspaceModal opened={opened} onClose={close} /> : null}
    </Group>
  )
}
