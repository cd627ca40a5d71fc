import { Alert, Button, Center, Code, CopyButton, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core'
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react'
import { useState } from 'react'
import { ConfirmButton, EmptyState, ErrorAlert, formatDateTime, PageHeader, ResponsiveTable, useSubmitOnce, type Column } from '../../../ui'
import { useCreateToken, useRevokeToken, useTokens } from './hooks'
import type { ApiToken, NewApiToken } from './types'

/** The new token, shown once with a copy button. */
function NewTokenAlert({ token, onDismiss }: { token: NewApiToken; onDismiss: () => void }) {
  return (
    <Alert color="teal" variant="light" title={`Token “${token.name}” created`} withCloseButton onClose={onDismiss} mb="md" closeButtonLabel="Dismiss">
      <Stack gap="xs">
        <Text size="sm">Copy it now: it will not be shown again.</Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} aria-label="New API token">
            {token.token}
          </Code>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  )
}

/** Personal API tokens of the logged-in user. */
export function TokensPanel() {
  const tokens = useTokens()
  const create = useCreateToken()
  const revoke = useRevokeToken()
  const [name, setName] = useState('')
  const [created, setCreated] = useState<NewApiToken | null>(null)
  const nameError = create.fieldError('name')

  const { submit: once } = useSubmitOnce()
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    void once(async (idempotencyKey) => {
      const t = await create.mutateAsync({ name: name.trim(), idempotencyKey }).catch(() => null)
      if (!t) return
      setCreated(t)
      setName('')
    })
  }

  const columns: Column<ApiToken>[] = [
    { key: 'name', label: 'Name', primary: true, render: (t) => <Text size="sm" fw={600}>{t.name}</Text> },
    { key: 'created', label: 'Created', render: (t) => formatDateTime(t.created_at) },
    { key: 'used', label: 'Last used', render: (t) => (t.last_used_at ? formatDateTime(t.last_used_at) : 'Never') },
    {
      key: 'actions',
      label: 'Actions',
      render: (t) => (
        <ConfirmButton
          size="xs"
          variant="subtle"
          aria-label={`Revoke ${t.name}`}
          confirmTitle={`Revoke token ${t.name}?`}
          confirmText="Programs using this token will stop working."
          confirmLabel="Revoke"
          onConfirm={() => revoke.mutateAsync(t.id)}
        >
          Revoke
        </ConfirmButton>
      ),
    },
  ]

  return (
    <>
      <PageHeader title="API tokens" description="Personal tokens for the REST API. They act as you, in every workspace you can use." />
      {created ? <NewTokenAlert token={created} onDismiss={() => setCreated(null)} /> : null}
      <Paper withBorder radius="md" p="md" mb="md">
        <form onSubmit={submit} noValidate>
          <Group align={nameError ? 'center' : 'flex-end'} gap="sm" wrap="wrap">
            <TextInput
              label="Name"
              description="What will use this token"
              placeholder="e.g. Zapier"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              style={{ flex: '1 1 220px' }}
            />
            <Button type="submit" loading={create.isPending} disabled={!name.trim()} leftSection={<IconKey size={16} />}>
              Create token
            </Button>
          </Group>
          {create.error && !nameError ? <ErrorAlert error={create.error} /> : null}
        </form>
      </Paper>
      <ErrorAlert error={tokens.error || revoke.error} />
      {tokens.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading tokens" />
        </Center>
      ) : tokens.data?.items.length ? (
        <ResponsiveTable caption="API tokens" columns={columns} rows={tokens.data.items} rowKey={(t) => t.id} />
      ) : (
        <EmptyState title="No API tokens" description="Create one to connect another program to Cardfile." />
      )}
    </>
  )
}
