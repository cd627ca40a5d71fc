import { AppShell, Box, Burger, Group, ScrollArea, Text, ThemeIcon } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAddressBook } from '@tabler/icons-react'
import { Link, Outlet } from 'react-router'
import { useMe } from '../../modules/auth/hooks'
import { SessionEndedModal } from '../../modules/auth/SessionEndedModal'
import { UserMenu } from '../../modules/auth/UserMenu'
import { JobsIndicator } from '../../modules/jobs/JobsIndicator'
import { useWorkspaceId } from '../../modules/workspaces/hooks'
import { WorkspaceSwitcher } from '../../modules/workspaces/WorkspaceSwitcher'
import { NavLinks } from './NavLinks'

/** Header (burger, logo, workspace switcher, jobs, account) + navbar (drawer below 48em) + page. */
export function AppLayout() {
  const ws = useWorkspaceId()
  const me = useMe()
  const [opened, { toggle, close }] = useDisclosure(false)
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Box visibleFrom="sm">
              <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label="Cardfile home">
                <Group gap={6} wrap="nowrap">
                  <ThemeIcon size="md" radius="md">
                    <IconAddressBook size={18} />
                  </ThemeIcon>
                  <Text fw={700} fz="lg" visibleFrom="md">
                    Cardfile
                  </Text>
                </Group>
              </Link>
            </Box>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <JobsIndicator ws={ws} />
            <UserMenu tokensPath={`/w/${ws}/settings/tokens`} mailPath={`/w/${ws}/mail`} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        {/* Scrolls on its own: on a short screen the lower links stay reachable. */}
        <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars>
          <NavLinks ws={ws} onNavigate={close} isAdmin={me.data?.workspaces.find((w) => w.id === ws)?.role === 'admin'} />
        </AppShell.Section>
      </AppShell.Navbar>
      <SessionEndedModal email={me.data?.user.email} />
      <AppShell.Main bg="gray.0" mih="100dvh">
        <div style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  )
}
