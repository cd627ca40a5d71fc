import { Anchor, Badge, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { Link, useNavigate, useParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { ColorDot, ConfirmButton, EmptyState, ErrorAlert, formatDateTime } from '../../ui'
import { useContactClasses } from '../settings/classes/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { CardDashboard } from '../cardlayout/CardDashboard'
import { EmailWithStatus } from '../hygiene/EmailStatusBadge'
import { cardPanels } from './cardPanels'
import { ContactForm } from './ContactForm'
import { useContact, useDeleteContact, useTags, useUpdateContact } from './hooks'
import { contactName } from './types'

/** One contact: profile form (editable by members/admins), class, tags, custom fields, delete, and the registered panels (activity, ...) as a dashboard. */
export function ContactCard() {
  const ws = useWorkspaceId()
  const id = Number(useParams().contactId)
  const canWrite = useCan('write_contacts')
  const contact = useContact(ws, id)
  const fields = useCustomFields(ws)
  const classes = useContactClasses(ws)
  const tags = useTags(ws)
  const update = useUpdateContact(ws, id)
  const remove = useDeleteContact(ws, id)
  const navigate = useNavigate()
  const back = (
    <Anchor component={Link} to={`/w/${ws}/contacts`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> All contacts
      </Group>
    </Anchor>
  )

  if (!Number.isInteger(id) || id < 1) {
    return <EmptyState title="Contact not found" description="This address does not point to a contact." action={back} />
  }
  if (contact.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading contact" />
      </Center>
    )
  }
  if (contact.error) {
    if (isApiError(contact.error) && contact.error.status === 404) {
      return <EmptyState title="Contact not found" description="It may have been deleted, or you cannot see it." action={back} />
    }
    return <ErrorAlert error={contact.error} />
  }
  const c = contact.data
  const cls = classes.data?.items.find((k) => k.id === c.contact_class_id)
  const panels = cardPanels()
  const panelProps = { contactId: id, workspaceId: ws, canEdit: canWrite }

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Title order={2} fz={{ base: 'h3', sm: 'h2' }} style={{ overflowWrap: 'anywhere' }}>
            {contactName(c)}
          </Title>
          <EmailWithStatus email={c.email} status={c.email_status} reason={c.email_status_reason} checkedAt={c.email_checked_at} />
          <Group gap="xs">
            {cls ? (
              <Badge variant="outline" color="gray" leftSection={<ColorDot color={cls.color} size={8} />} tt="none">
                {cls.name}
              </Badge>
            ) : null}
            {c.company ? <Text size="sm" c="dimmed">{c.company}</Text> : null}
            <Text size="xs" c="dimmed">
              Added {formatDateTime(c.created_at)}
            </Text>
          </Group>
        </Stack>
        {canWrite ? (
          <ConfirmButton
            variant="light"
            confirmTitle="Delete contact?"
            confirmText={`${contactName(c)} and their timeline will be deleted.`}
            confirmLabel="Delete"
            onConfirm={() =>
              remove
                .mutateAsync()
                .then(() => navigate(`/w/${ws}/contacts`, { replace: true, state: { deleted: { id, name: contactName(c) } } }))
            }
          >
            Delete contact
          </ConfirmButton>
        ) : null}
      </Group>
      <ErrorAlert error={remove.error} />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <Title order={3} fz="h4" mb="sm">
          Profile
        </Title>
        <ContactForm
          ws={ws}
          contact={c}
          fields={fields.data?.items ?? []}
          classes={classes.data?.items ?? []}
          tagSuggestions={(tags.data?.items ?? []).map((t) => t.name)}
          error={update.error}
          submitting={update.isPending}
          readOnly={!canWrite}
          onSubmit={(payload) => update.mutate(payload)}
          saved={update.isSuccess && !update.isPending}
        />
      </Paper>
      {/* the registered panels, as widgets each person arranges (modules/cardlayout) */}
      <CardDashboard panels={panels} {...panelProps} />
    </Stack>
  )
}
