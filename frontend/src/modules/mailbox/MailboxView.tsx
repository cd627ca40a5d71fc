import { Accordion, Center, Code, Group, Loader, Text } from '@mantine/core'
import { IconMail } from '@tabler/icons-react'
import { EmptyState, ErrorAlert, PageHeader } from '../../ui'
import { formatDateTime } from '../../ui/format'
import { useMailbox } from './hooks'

/** Outgoing mail kept by the local mail catcher, newest first: invitation links live here. */
export function MailboxView() {
  const mailbox = useMailbox()
  const items = mailbox.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Outgoing mail"
        description="This installation keeps outgoing mail in a local catcher instead of sending it (set SMTP_URL to send for real)."
      />
      <ErrorAlert error={mailbox.error} />
      {mailbox.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading mail" />
        </Center>
      ) : items.length === 0 ? (
        <EmptyState icon={<IconMail size={26} />} title="No mail yet" description="Invitations and other mail will show up here." />
      ) : (
        <Accordion variant="separated" aria-label="Messages">
          {items.map((m) => (
            <Accordion.Item key={m.id} value={m.id}>
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate>
                      {m.subject}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      to {m.to}
                    </Text>
                  </div>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {m.date ? formatDateTime(m.date) : ''}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <Linkified text={m.text} />
                </Code>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </>
  )
}

/** Text with its http(s) links clickable (only those: no javascript: or other schemes). */
export function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g)
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  )
}
