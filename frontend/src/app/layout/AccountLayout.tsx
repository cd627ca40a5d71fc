import { AppShell, Group, Text, ThemeIcon } from '@mantine/core'
import { IconAddressBook } from '@tabler/icons-react'
import { Link, Outlet } from 'react-router'
import { useMe } from '../../modules/auth/hooks'
import { SessionEndedModal } from '../../modules/auth/SessionEndedModal'
import { UserMenu } from '../../modules/auth/UserMenu'

/** Pages about the person or the agency rather than one workspace: account, agency. */
export function AccountLayout() {
  const me = useMe()
  return (
    <AppShell header={{ height: 60 }} padding={{ base: 'sm', sm: 'lg' }}>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
          <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label="Cardfile home">
            <Group gap={6} wrap="nowrap">
              <ThemeIcon size="md" radius="md">
                <IconAddressBook size={18} />
              </ThemeIcon>
              <Text fw={700} fz="lg">
                Cardfile
              </Text>
            </Group>
          </Link>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <SessionEndedModal email={me.data?.user.email} />
      <AppShell.Main bg="gray.0" mih="100dvh">
        <div style={{ maxWidth: 1100, margin: '0 auto' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  )
}
