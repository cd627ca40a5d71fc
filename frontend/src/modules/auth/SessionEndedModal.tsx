import { Modal, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { SESSION_ENDED_EVENT } from '../../api/client'
import { LoginForm } from './LoginForm'

/** "Your session ended; log in to continue" over the current screen, so unsaved input stays. */
export function SessionEndedModal({ email }: { email?: string }) {
  const [opened, setOpened] = useState(false)
  useEffect(() => {
    const open = () => setOpened(true)
    window.addEventListener(SESSION_ENDED_EVENT, open)
    return () => window.removeEventListener(SESSION_ENDED_EVENT, open)
  }, [])
  return (
    <Modal
      opened={opened}
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title="Your session ended; log in to continue"
      centered
    >
      <Text size="sm" c="dimmed" mb="md">
        What you typed is still here. Log in, then save again.
      </Text>
      <LoginForm email={email} onLoggedIn={() => setOpened(false)} />
    </Modal>
  )
}
