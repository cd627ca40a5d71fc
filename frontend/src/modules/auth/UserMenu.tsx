import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core'
import { IconBuildingCommunity, IconKey, IconLogout, IconMail, IconUser } from '@tabler/icons-react'
import { Link, useNavigate } from 'react-router'
import { InvitationsIndicator, InvitationsMenuItems } from '../account/InvitationsMenu'
import { useLogout, useMe } from './hooks'

export function initials(name: string | null | undefined, email?: string): string {
  const src = (name || email || '?').trim()
  const parts = src.split(/[\s@.]+/).filter(Boolean)
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase()
}

export function UserMenu({ tokensPath, mailPath }: { tokensPath?: string; mailPath?: string }) {
  const { data: me } = useMe()
  const logout = useLogout()
  const navigate = useNavigate()
  if (!me) return null
  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="Account menu">
          <InvitationsIndicator>
            <Avatar color="blue" radius="xl" size={34}>
              {initials(me.user.name, me.user.email)}
            </Avatar>
          </InvitationsIndicator>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.user.name}
          </Text>
          <Text size="xs" truncate>
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <InvitationsMenuItems />
        <Menu.Item component={Link} to="/account" leftSection={<IconUser size={16} />}>
          Your account
        </Menu.Item>
        {me.agencies.map((a) => (
          <Menu.Item key={a.id} component={Link} to={`/agency/${a.id}`} leftSection={<IconBuildingCommunity size={16} />}>
            <Text size="sm" truncate>
              Agency: {a.name}
            </Text>
          </Menu.Item>
        ))}
        {tokensPath ? (
          <Menu.Item component={Link} to={tokensPath} leftSection={<IconKey size={16} />}>
            API tokens
          </Menu.Item>
        ) : null}
        {mailPath && me.dev_mailbox ? (
          <Menu.Item component={Link} to={mailPath} leftSection={<IconMail size={16} />}>
            Outgoing mail
          </Menu.Item>
        ) : null}
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
