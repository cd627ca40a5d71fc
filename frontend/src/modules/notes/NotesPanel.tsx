import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Textarea, Tooltip, Typography } from '@mantine/core'
import { IconPin, IconPinnedOff } from '@tabler/icons-react'
import { useState } from 'react'
import { ConfirmButton, ErrorAlert, formatDateTime, useSubmitOnce } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { textToHtml, useAddNote, useChangeNote, useNotes } from './hooks'

/** The card's notes: write one (kept safe by the server), pin it, delete it. */
export function NotesPanel({ contactId, workspaceId, canEdit }: CardPanelProps) {
  const notes = useNotes(workspaceId, contactId)
  const add = useAddNote(workspaceId, contactId)
  const change = useChangeNote(workspaceId, contactId)
  const { submit, pending } = useSubmitOnce()
  const [text, setText] = useState('')

  const save = (e: React.FormEvent) => {
    e.preventDefault()
    if (!text.trim()) return
    void submit(async (idempotencyKey) => {
      await add.mutateAsync({ body: textToHtml(text), idempotencyKey })
      setText('')
    }).catch(() => undefined)
  }

  const items = notes.data?.items ?? []
  return (
    <Stack gap="sm">
      {canEdit ? (
        <form onSubmit={save} noValidate>
          <Stack gap={6}>
            <Textarea
              aria-label="New note"
              placeholder="Write a note…"
              rows={3}
              maxLength={20000}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={add.fieldError('body')}
            />
            <ErrorAlert error={add.error && !add.fieldError('body') ? add.error : null} />
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={pending} disabled={!text.trim()}>
                Add note
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      <ErrorAlert error={notes.error ?? change.error} />
      {notes.isSuccess && !items.length ? (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      ) : null}
      {items.map((note) => (
        <Paper key={note.id} withBorder p="sm" radius="sm" data-testid="note">
          <Group justify="space-between" align="center" wrap="wrap" gap={4}>
            <Text size="xs" c="dimmed">
              {note.author_name ?? 'Someone'} · {formatDateTime(note.created_at)}
            </Text>
            <Group gap={4} wrap="nowrap" ml="auto">
              {note.pinned ? (
                <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                  Pinned
                </Badge>
              ) : null}
              {canEdit ? (
                <>
                  <Tooltip label={note.pinned ? 'Unpin' : 'Pin to the top'}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={note.pinned ? 'Unpin note' : 'Pin note'}
                      onClick={() => change.mutate({ id: note.id, pinned: !note.pinned })}
                    >
                      {note.pinned ? <IconPinnedOff size={14} /> : <IconPin size={14} />}
                    </ActionIcon>
                  </Tooltip>
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    confirmTitle="Delete this note?"
                    confirmText="The note is removed from the card; the timeline keeps that it was deleted."
                    confirmLabel="Delete"
                    onConfirm={() => change.mutateAsync({ id: note.id, remove: true })}
                  >
                    Delete
                  </ConfirmButton>
                </>
              ) : null}
            </Group>
          </Group>
          {/* The server sanitises notes (nh3): no scripts, handlers or javascript: links. */}
          <Typography fz="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
            <div dangerouslySetInnerHTML={{ __html: note.body }} />
          </Typography>
        </Paper>
      ))}
    </Stack>
  )
}
