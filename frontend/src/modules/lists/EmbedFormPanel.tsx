import { Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { ConfirmButton, ErrorAlert } from '../../ui'
import { useCurrentWorkspace } from '../workspaces/hooks'
import { defaultConsent, embedSnippet } from './embed'
import { useSaveList } from './hooks'
import type { MailingList } from './types'

/** The list's subscribe form as HTML to paste into a website, and renewing its address. */
export function EmbedFormPanel({ ws, list, canWrite }: { ws: number; list: MailingList; canWrite: boolean }) {
  const workspace = useCurrentWorkspace()
  const suggested = defaultConsent(list.name, workspace?.name ?? '')
  const [consent, setConsent] = useState(suggested)
  const [touched, setTouched] = useState(false)
  // Follows the list's name until the wording is edited by hand.
  useEffect(() => {
    if (!touched) setConsent(suggested)
  }, [suggested, touched])
  const snippet = useMemo(() => embedSnippet({ action: list.form_url, id: list.id, consent }), [list.form_url, list.id, consent])
  const renew = useSaveList(ws)

  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'sm', sm: 'md' }} aria-labelledby="embed-form-title">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title id="embed-form-title" order={3} fz="h4">
            Embed form
          </Title>
          <Text size="sm" c="dimmed">
            Paste this HTML into your website. People who fill it in {list.double_opt_in ? 'get a mail to confirm, then join the list' : 'join the list at once'}; the
            wording they agreed to, the time, their IP address and browser are kept as proof.
          </Text>
        </Stack>
        {!list.public ? (
          <Alert color="orange" variant="light">
            This list is private: its form does not accept subscriptions. Make the list public to use the form.
          </Alert>
        ) : null}
        <Textarea
          label="Consent wording"
          description="Shown next to the form and sent with every subscription."
          rows={4}
          maxLength={2000}
          value={consent}
          onChange={(e) => {
            setTouched(true)
            setConsent(e.currentTarget.value)
          }}
          error={consent.trim() ? undefined : 'Give the wording people agree to.'}
        />
        <Code
          block
          data-testid="embed-snippet"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', wordBreak: 'break-word', fontSize: 12, maxHeight: 320, overflowY: 'auto' }}
        >
          {snippet}
        </Code>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <CopyButton value={snippet} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                disabled={!consent.trim()}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              >
                {copied ? 'Copied' : 'Copy HTML'}
              </Button>
            )}
          </CopyButton>
          {canWrite ? (
            <ConfirmButton
              variant="default"
              color="orange"
              leftSection={<IconRefresh size={16} />}
              confirmTitle="Renew the form address?"
              confirmText={
                <>
                  The form gets a new address. <b>Forms already embedded on websites stop working</b>: people who fill them in get an error page. Paste the new HTML
                  wherever the form is. Use this when the form is abused by bots or was put somewhere it should not be.
                </>
              }
              confirmLabel="Renew address"
              onConfirm={() => renew.mutateAsync({ id: list.id, body: { renew_form: true } })}
            >
              Renew form address
            </ConfirmButton>
          ) : null}
        </Group>
        {renew.isSuccess ? (
          <Text size="sm" c="teal" role="status">
            The form has a new address: copy the HTML again.
          </Text>
        ) : null}
        <ErrorAlert error={renew.error} />
      </Stack>
    </Paper>
  )
}
