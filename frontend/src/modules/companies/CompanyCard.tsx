import { Anchor, Badge, Center, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconExternalLink } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { ConfirmButton, EmptyState, ErrorAlert, formatDateTime, PaginationBar } from '../../ui'
import { useCustomFields } from '../settings/fields/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { CompanyForm } from './CompanyForm'
import { useCompany, useCompanyContacts, useDeleteCompany, useUpdateCompany } from './hooks'

/** One company: its details (editable by members and admins), its contacts, delete (admins). */
export function CompanyCard() {
  const ws = useWorkspaceId()
  const id = Number(useParams().companyId)
  const canWrite = useCan('write_contacts')
  const canDelete = useCan('manage_settings')
  const company = useCompany(ws, id)
  const fields = useCustomFields(ws, 'company')
  const update = useUpdateCompany(ws, id)
  const remove = useDeleteCompany(ws, id)
  const navigate = useNavigate()
  const back = (
    <Anchor component={Link} to={`/w/${ws}/companies`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> All companies
      </Group>
    </Anchor>
  )

  if (!Number.isInteger(id) || id < 1) {
    return <EmptyState title="Company not found" description="This address does not point to a company." action={back} />
  }
  if (company.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading company" />
      </Center>
    )
  }
  if (company.error) {
    if (isApiError(company.error) && company.error.status === 404) {
      return <EmptyState title="Company not found" description="It may have been deleted." action={back} />
    }
    return <ErrorAlert error={company.error} />
  }
  const c = company.data
  const people = `${c.contact_count.toLocaleString('en-US')} contact${c.contact_count === 1 ? '' : 's'}`

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Title order={2} fz={{ base: 'h3', sm: 'h2' }} style={{ overflowWrap: 'anywhere' }}>
            {c.name}
          </Title>
          <Group gap="xs" wrap="wrap">
            {c.domain ? (
              <Anchor href={`https://${c.domain}`} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Group gap={4} component="span" wrap="nowrap">
                  {c.domain} <IconExternalLink size={12} />
                </Group>
              </Anchor>
            ) : null}
            {c.industry ? (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {c.industry}
              </Text>
            ) : null}
            {c.size ? (
              <Badge variant="outline" color="gray" tt="none">
                {c.size} employees
              </Badge>
            ) : null}
            <Text size="xs" c="dimmed">
              Added {formatDateTime(c.created_at)}
            </Text>
          </Group>
        </Stack>
        {canDelete ? (
          <ConfirmButton
            variant="light"
            confirmTitle="Delete company?"
            confirmText={`${c.name} will be deleted. Its ${people} stay, without a company.`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync().then(() => navigate(`/w/${ws}/companies`, { replace: true }))}
          >
            Delete company
          </ConfirmButton>
        ) : null}
      </Group>
      <ErrorAlert error={remove.error} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            <Title order={3} fz="h4" mb="sm">
              Details
            </Title>
            <CompanyForm
              ws={ws}
              company={c}
              fields={fields.data?.items ?? []}
              error={update.error}
              submitting={update.isPending}
              readOnly={!canWrite}
              onSubmit={(payload) => update.mutate(payload)}
              saved={update.isSuccess && !update.isPending}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <CompanyContacts ws={ws} companyId={id} title={`Contacts (${c.contact_count.toLocaleString('en-US')})`} />
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

const PAGE_SIZE = 25

function CompanyContacts({ ws, companyId, title }: { ws: number; companyId: number; title: string }) {
  const [page, setPage] = useState(1)
  const contacts = useCompanyContacts(ws, companyId, { page, page_size: PAGE_SIZE })
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label="Company contacts">
      <Title order={3} fz="h4" mb="sm">
        {title}
      </Title>
      <ErrorAlert error={contacts.error} />
      {contacts.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading contacts" />
        </Center>
      ) : contacts.data && contacts.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No contacts you can see work here yet. Link a contact to this company on the contact's card.
        </Text>
      ) : contacts.data ? (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0, opacity: contacts.isPlaceholderData ? 0.6 : 1 }}>
          {contacts.data.items.map((p) => (
            <li key={p.id} style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/w/${ws}/contacts/${p.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {p.name}
              </Anchor>
              {p.job_title || p.email ? (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[p.job_title, p.email].filter(Boolean).join(' · ')}
                </Text>
              ) : null}
            </li>
          ))}
        </Stack>
      ) : null}
      {contacts.data && contacts.data.total > PAGE_SIZE ? (
        <PaginationBar page={page} pageSize={PAGE_SIZE} total={contacts.data.total} noun="contacts" onPageChange={setPage} />
      ) : null}
    </Paper>
  )
}
