import { Divider, NavLink, Stack, Text } from '@mantine/core'
import { IconAddressBook, IconFileImport, IconCopy, IconChartLine, IconBuildingSkyscraper, IconChecklist, IconUserStar, IconBuilding, IconCategory, IconForms, IconKey, IconLock, IconShieldCheck, IconTags, IconTrash, IconUsersGroup } from '@tabler/icons-react'
import { IconFilter, IconHeartRateMonitor, IconMailCheck, IconMailCog, IconMailbox, IconSend, IconTemplate } from '@tabler/icons-react'
import { IconCalendarCog, IconCalendarEvent } from '@tabler/icons-react'
import { Link, useLocation } from 'react-router'

type Props = { ws: number; onNavigate?: () => void; isAdmin?: boolean }

export function NavLinks({ ws, onNavigate, isAdmin }: Props) {
  const { pathname } = useLocation()
  const base = `/w/${ws}`
  const item = (to: string, label: string, icon: React.ReactNode, exact = false) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={exact ? pathname === to : pathname.startsWith(to)}
      onClick={onNavigate}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  )
  return (
    <Stack gap={2} component="nav" aria-label="Main">
      {item(`${base}/contacts`, 'Contacts', <IconAddressBook size={18} />)}
      {item(`${base}/companies`, 'Companies', <IconBuildingSkyscraper size={18} />)}
      {item(`${base}/lists`, 'Lists', <IconMailbox size={18} />)}
      {item(`${base}/segments`, 'Segments', <IconFilter size={18} />)}
      {item(`${base}/campaigns`, 'Campaigns', <IconSend size={18} />)}
      {item(`${base}/templates`, 'Templates', <IconTemplate size={18} />)}
      {item(`${base}/deliverability`, 'Deliverability', <IconHeartRateMonitor size={18} />)}
      {item(`${base}/tasks`, 'Tasks', <IconChecklist size={18} />)}
      {item(`${base}/bookings`, 'Bookings', <IconCalendarEvent size={18} />)}
      {item(`${base}/responsibles`, 'Responsibles', <IconUserStar size={18} />)}
      {item(`${base}/imports`, 'Imports', <IconFileImport size={18} />)}
      {item(`${base}/duplicates`, 'Duplicates', <IconCopy size={18} />)}
      {item(`${base}/hygiene`, 'List hygiene', <IconMailCheck size={18} />)}
      {isAdmin ? item(`${base}/trash`, 'Trash', <IconTrash size={18} />) : null}
      <Divider my="sm" />
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
        Settings
      </Text>
      {item(`${base}/settings/members`, 'Members', <IconUsersGroup size={18} />)}
      {item(`${base}/settings/classes`, 'Contact classes', <IconCategory size={18} />)}
      {item(`${base}/settings/fields`, 'Custom fields', <IconForms size={18} />)}
      {item(`${base}/settings/tags`, 'Tags', <IconTags size={18} />)}
      {item(`${base}/settings/consents`, 'Consent purposes', <IconShieldCheck size={18} />)}
      {item(`${base}/settings/scoring`, 'Scoring', <IconChartLine size={18} />)}
      {item(`${base}/settings/sending-domains`, 'Sending domains', <IconMailCog size={18} />)}
      {item(`${base}/settings/calendars`, 'Calendars', <IconCalendarCog size={18} />)}
      {isAdmin ? item(`${base}/settings/privacy`, 'Privacy', <IconLock size={18} />) : null}
      {item(`${base}/settings/tokens`, 'API tokens', <IconKey size={18} />)}
      {item(`${base}/settings/workspace`, 'Workspace', <IconBuilding size={18} />)}
    </Stack>
  )
}
