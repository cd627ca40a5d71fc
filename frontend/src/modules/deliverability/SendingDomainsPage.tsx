import {
  Badge,
  Button,
  Center,
  Code,
  Collapse,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconChevronDown, IconChevronUp, IconMailCog, IconPlus, IconRefresh } from '@tabler/icons-react'
import { useState } from 'react'
import { ConfirmButton, CopyField, EmptyState, ErrorAlert, PageHeader, ResponsiveTable, formatDateTime, useSubmitOnce, type Column } from '../../ui'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import {
  purposeLabel,
  stateLook,
  useAddDomain,
  useDeleteDomain,
  useSendingDomains,
  useVerifyDomain,
  type DnsCheck,
  type DnsRecord,
  type SendingDomain,
} from './hooks'
import { VerifiedBadge } from './VerifiedBadge'

function AddDomainModal({ ws, opened, onClose }: { ws: number; opened: boolean; onClose: () => void }) {
  const add = useAddDomain(ws)
  const { submit, pending } = useSubmitOnce()
  const [domain, setDomain] = useState('')
  const close = () => {
    add.reset()
    setDomain('')
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    void submit(async (idempotencyKey) => {
      await add.mutateAsync({ domain: domain.trim(), idempotencyKey })
      close()
    }).catch(() => undefined)
  }
  const fieldError = add.fieldError('domain')
  return (
    <Modal opened={opened} onClose={close} title="Add a sending domain" centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <ErrorAlert error={fieldError ? null : add.error} />
          <TextInput
            label="Domain"
            description="The part after @ in the From address of your campaigns, like example.com or news.example.com."
            placeholder="example.com"
            value={domain}
            maxLength={253}
            onChange={(e) => setDomain(e.currentTarget.value)}
            error={fieldError}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!domain.trim()}>
              Add domain
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function CheckState({ check }: { check: DnsCheck | undefined }) {
  if (!check)
    return (
      <Text size="sm" c="dimmed">
        Not checked yet
      </Text>
    )
  const look = stateLook(check.state)
  return (
    <Stack gap={4} align="flex-start" data-testid={`check-${check.purpose}`} data-state={check.state}>
      <Badge size="sm" variant="light" color={look.color}>
        {look.label}
      </Badge>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {check.explanation}
      </Text>
    </Stack>
  )
}

function DomainPanel({ ws, domain, canManage }: { ws: number; domain: SendingDomain; canManage: boolean }) {
  const verify = useVerifyDomain(ws)
  const remove = useDeleteDomain(ws)
  const [showRecords, setShowRecords] = useState(!domain.verified)
  const checks = new Map(domain.checks.map((c) => [c.purpose, c]))
  const columns: Column<DnsRecord>[] = [
    {
      key: 'purpose',
      label: 'Record',
      primary: true,
      width: 110,
      render: (r) => (
        <Text size="sm" fw={600}>
          {purposeLabel(r.purpose)}
        </Text>
      ),
    },
    { key: 'type', label: 'Type', width: 70, render: (r) => <Code>{r.type}</Code> },
    { key: 'name', label: 'Name', width: '24%', render: (r) => <CopyField value={r.name} label={`name of the ${purposeLabel(r.purpose)} record`} /> },
    { key: 'value', label: 'Value', render: (r) => <CopyField value={r.value} label={`value of the ${purposeLabel(r.purpose)} record`} /> },
    { key: 'check', label: 'Last check', width: 240, render: (r) => <CheckState check={checks.get(r.purpose)} /> },
  ]
  // A ref-guarded submit: a double click asks the DNS once.
  const { submit, pending } = useSubmitOnce()
  const check = () => void submit(() => verify.mutateAsync(domain.id)).catch(() => undefined)
  const headingId = `domain-${domain.id}`
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} fz="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
                {domain.domain}
              </Title>
              <VerifiedBadge verified={domain.verified} />
            </Group>
            <Text size="sm" c="dimmed" data-testid="checked-at">
              {domain.checked_at ? `Last checked ${formatDateTime(domain.checked_at)}` : 'DNS not checked yet'}
              {domain.verified && domain.verified_at ? ` · verified since ${formatDateTime(domain.verified_at)}` : ''}
            </Text>
          </Stack>
          <Group gap="xs" wrap="wrap">
            {domain.verified ? (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                onClick={() => setShowRecords((v) => !v)}
                rightSection={showRecords ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
                aria-expanded={showRecords}
              >
                {showRecords ? 'Hide records' : 'Show records'}
              </Button>
            ) : null}
            {canManage ? (
              <>
                <Button size="xs" leftSection={<IconRefresh size={14} />} loading={pending} onClick={check} aria-label={`Check DNS now for ${domain.domain}`}>
                  Check DNS now
                </Button>
                <ConfirmButton
                  size="xs"
                  variant="subtle"
                  aria-label={`Delete ${domain.domain}`}
                  confirmTitle={`Delete ${domain.domain}?`}
                  confirmText="Campaigns can no longer send from it, and its DKIM key is deleted: adding the domain again makes a new key, whose record must be published again."
                  confirmLabel="Delete"
                  onConfirm={() => remove.mutateAsync(domain.id)}
                >
                  Delete
                </ConfirmButton>
              </>
            ) : null}
          </Group>
        </Group>
        <ErrorAlert error={verify.error || remove.error} />
        <Text size="sm" role="status" c={domain.verified ? 'teal' : undefined}>
          {domain.verified
            ? 'Campaigns can send from this domain.'
            : domain.checked_at
              ? 'Not verified yet: publish the records marked in red at your DNS provider, then check again. DNS changes can take from a few minutes to a few hours to show.'
              : 'Publish these records at your DNS provider (where the DNS of this domain is managed), then check the DNS.'}
        </Text>
        <Collapse expanded={showRecords}>
          <ResponsiveTable caption={`DNS records for ${domain.domain}`} columns={columns} rows={domain.records} rowKey={(r) => r.purpose} />
        </Collapse>
      </Stack>
    </Paper>
  )
}

/** Settings: the domains campaigns send from, the DNS records each needs, and their check. */
export function SendingDomainsPage() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const domains = useSendingDomains(ws)
  const [adding, setAdding] = useState(false)

  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
      Add domain
    </Button>
  ) : null

  return (
    <>
      <PageHeader
        title="Sending domains"
        description="The domains your campaigns send from. Campaigns will need a verified domain: one whose DNS records show that you allow us to send for it."
        actions={addButton}
      />
      <Paper withBorder radius="md" p="md" mb="md" bg="var(--mantine-color-default-hover)">
        <Stack gap={6}>
          <Text size="sm">
            For each domain you publish four DNS records at your DNS provider. <b>SPF</b> lets our servers send mail for the domain,{' '}
            <b>DKIM</b> lets receivers check that each message really comes from you and was not changed, <b>DMARC</b> tells them what
            to do with mail that fails those checks, and the <b>return path</b> brings bounces back to us. A domain has only one SPF
            record: if yours already has one, add our <Code>include:</Code> to it instead of publishing a second.
          </Text>
          <Text size="sm" c="dimmed">
            Names are shown in full: if your provider adds the domain itself, enter only the part before it.
            {canManage ? '' : ' Only workspace admins can add, check or delete domains.'}
          </Text>
        </Stack>
      </Paper>
      <ErrorAlert error={domains.error} />
      {domains.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading sending domains" />
        </Center>
      ) : domains.data?.items.length ? (
        <Stack gap="md">
          {domains.data.items.map((d) => (
            <DomainPanel key={d.id} ws={ws} domain={d} canManage={canManage} />
          ))}
        </Stack>
      ) : domains.data ? (
        <EmptyState
          icon={<IconMailCog size={26} />}
          title="No sending domains yet"
          description={canManage ? 'Add the domain your campaigns send from, like example.com.' : 'An admin of this workspace can add one.'}
          action={addButton}
        />
      ) : null}
      <AddDomainModal ws={ws} opened={adding} onClose={() => setAdding(false)} />
    </>
  )
}
