import { Alert, Badge, Button, Checkbox, Divider, Paper, Stack, Text, Title } from '@mantine/core'
import { IconCircleCheck, IconLinkOff, IconMailOff } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router'
import { isApiError } from '../api/errors'
import { usePreferences, useSavePreferences } from '../modules/lists/hooks'
import type { Preferences } from '../modules/lists/types'
import { ErrorAlert, PublicLoading, PublicProblem, PublicShell, WRAP } from '../ui'


/** How the person reads their status on a list (nothing when simply on it or never on it). */
const STATUS_NOTE: Record<string, { label: string; color: string }> = {
  unconfirmed: { label: 'Waiting for confirmation', color: 'yellow' },
  unsubscribed: { label: 'Unsubscribed', color: 'gray' },
  bounced: { label: 'Mail could not be delivered', color: 'orange' },
  complained: { label: 'Marked as spam', color: 'red' },
}

/** Ticked: on the list, or asked to be and waiting to confirm (unticking leaves either). */
const ticked = (page: Preferences) => page.lists.filter((l) => l.subscribed || l.status === 'unconfirmed').map((l) => l.id)

/** /preferences/:token — no login: a person chooses the lists they get mail from, or leaves all. */
export function PreferencesPage() {
  const { token = '' } = useParams()
  const page = usePreferences(token)
  const save = useSavePreferences(token)
  const [chosen, setChosen] = useState<number[]>([])
  const [done, setDone] = useState<'saved' | 'left' | null>(null)
  useEffect(() => {
    if (page.data) setChosen(ticked(page.data))
  }, [page.data])
  useEffect(() => {
    document.title = page.data ? `Email preferences — ${page.data.workspace_name}` : 'Email preferences'
  }, [page.data])

  if (page.isPending) return <PublicLoading label="Loading your preferences" />
  if (page.error || !page.data) {
    const status = isApiError(page.error) ? page.error.status : 0
    if (status === 410) {
      return (
        <PublicProblem icon={<IconLinkOff size={40} color="var(--mantine-color-orange-6)" />} title="This link has expired">
          For your security, links to this page work for a limited time. Open the link in a more recent email from us to manage your subscriptions.
        </PublicProblem>
      )
    }
    if (status === 404) {
      return (
        <PublicProblem icon={<IconLinkOff size={40} color="var(--mantine-color-red-6)" />} title="This link is not valid">
          Check that you opened the whole link from the email (long links are sometimes cut in two). If it still does not work, open the link in a more recent email from
          us.
        </PublicProblem>
      )
    }
    return (
      <PublicShell>
        <ErrorAlert error={page.error} title="Your preferences could not be loaded" />
        <Button variant="default" fullWidth onClick={() => void page.refetch()}>
          Try again
        </Button>
      </PublicShell>
    )
  }

  const data = page.data
  const initial = ticked(data)
  const changed = initial.length !== chosen.length || initial.some((id) => !chosen.includes(id))
  const onAny = data.lists.some((l) => l.subscribed || l.status === 'unconfirmed')
  const waiting = data.lists.filter((l) => l.status === 'unconfirmed')
  const toggle = (id: number, on: boolean) => {
    setDone(null)
    setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)))
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    save.mutate({ subscribed: chosen }, { onSuccess: () => setDone('saved') })
  }
  const leaveAll = () => save.mutate({ unsubscribe_all: true }, { onSuccess: () => setDone('left') })

  return (
    <PublicShell title={data.workspace_name}>
      <form onSubmit={submit} noValidate aria-label="Email preferences">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={1} fz={{ base: 'h3', xs: 'h2' }} style={WRAP}>
              {data.first_name ? `Hello, ${data.first_name}!` : 'Hello!'}
            </Title>
            <Text size="sm" c="dimmed" style={WRAP}>
              Choose which emails <b>{data.email}</b> gets from {data.workspace_name}.
            </Text>
          </Stack>
          {done === 'left' ? (
            <Alert color="teal" icon={<IconMailOff size={18} />} role="status" title="You are unsubscribed from everything">
              You will get no more emails from these lists. Changed your mind? Tick a list below and save.
            </Alert>
          ) : done === 'saved' ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status" title="Your choices are saved">
              {waiting.length
                ? `Check your inbox: we sent a link to confirm ${waiting.map((l) => `“${l.name}”`).join(', ')}.`
                : 'Thank you: nothing else to do.'}
            </Alert>
          ) : null}
          {data.lists.length ? (
            <Stack gap="xs" role="group" aria-label="Lists">
              {data.lists.map((l) => {
                const note = l.status ? STATUS_NOTE[l.status] : undefined
                return (
                  <Paper key={l.id} withBorder radius="md" p="sm" data-testid="preference-list">
                    <Checkbox
                      size="md"
                      checked={chosen.includes(l.id)}
                      onChange={(e) => toggle(l.id, e.currentTarget.checked)}
                      label={
                        <Text fw={600} size="sm" style={WRAP}>
                          {l.name}
                        </Text>
                      }
                      description={
                        <Stack gap={4} component="span" mt={2}>
                          {l.description ? (
                            <Text component="span" size="sm" c="dimmed" style={WRAP}>
                              {l.description}
                            </Text>
                          ) : null}
                          {note ? (
                            <Badge component="span" size="sm" variant="light" color={note.color} tt="none">
                              {note.label}
                            </Badge>
                          ) : null}
                        </Stack>
                      }
                      styles={{ body: { alignItems: 'flex-start' }, labelWrapper: { minWidth: 0, flex: 1 } }}
                    />
                  </Paper>
                )
              })}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              There are no lists to choose from.
            </Text>
          )}
          <ErrorAlert error={save.error} />
          <Button type="submit" size="md" fullWidth loading={save.isPending && !save.variables?.unsubscribe_all} disabled={!changed || save.isPending}>
            Save my choices
          </Button>
          <Divider label="or" labelPosition="center" />
          <Button
            variant="light"
            color="red"
            size="md"
            fullWidth
            leftSection={<IconMailOff size={18} />}
            loading={save.isPending && !!save.variables?.unsubscribe_all}
            disabled={!onAny || save.isPending}
            onClick={leaveAll}
          >
            Unsubscribe from everything
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Lists that ask you to confirm send a link to your inbox first. This page opens from the link in your email: do not share it.
          </Text>
        </Stack>
      </form>
    </PublicShell>
  )
}
