import { Alert, Badge, Button, Center, Group, Loader, Modal, Paper, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useEffect, useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { ConfirmButton, ErrorAlert, formatDateTime, useSubmitOnce } from '../../ui'
import { contactName, type Contact } from '../contacts/types'
import { useContactClasses } from '../settings/classes/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { useCurrentWorkspace } from '../workspaces/hooks'
import { useContactsById, useMergeContacts } from './hooks'
import { defaultChoices, differingFields, newestFirst, type MergeField } from './mergeChoices'

export const MORE_THAN_TWO = 'Only admins merge more than two contacts at once.'

type Props = {
  ws: number
  /** The contacts to merge (2 or more), e.g. a duplicate group or the list's selection. */
  ids: number[]
  opened: boolean
  onClose: () => void
  /** After a merge; by default the survivor's card opens. */
  onMerged?: (survivorId: number) => void
}

const wrap = { overflowWrap: 'anywhere' } as const

/** Merge contacts: their differing fields side by side (stacked on phones), a radio per value
 * to choose the winner (default: the newest non-empty), which contact stays, then confirm. */
export function MergeDialog({ ws, ids, opened, onClose, onMerged }: Props) {
  const narrow = useMediaQuery('(max-width: 48em)')
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Merge ${ids.length} contacts`}
      size={narrow ? '100%' : Math.min(320 + ids.length * 240, 1200)}
      fullScreen={!!narrow}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {opened ? <MergeForm ws={ws} ids={ids} narrow={!!narrow} onClose={onClose} onMerged={onMerged} /> : null}
    </Modal>
  )
}

function MergeForm({ ws, ids, narrow, onClose, onMerged }: Omit<Props, 'opened'> & { narrow: boolean }) {
  // Read once: after the merge the others are gone, and their cards must not be fetched again.
  const [contacts, setContacts] = useState<Contact[] | null>(null)
  const results = useContactsById(ws, ids, contacts === null)
  const classes = useContactClasses(ws)
  const customFields = useCustomFields(ws)
  const role = useCurrentWorkspace()?.role
  const merge = useMergeContacts(ws)
  const { submit, pending } = useSubmitOnce()
  const navigate = useNavigate()

  const loaded = results.every((r) => r.data)
  const failed = results.find((r) => r.error)?.error
  useEffect(() => {
    if (contacts === null && loaded) setContacts(newestFirst(results.map((r) => r.data as Contact)))
  }, [contacts, loaded, results])
  const fields: MergeField[] = useMemo(
    () =>
      differingFields(contacts ?? [], {
        classNames: Object.fromEntries((classes.data?.items ?? []).map((c) => [c.id, c.name])),
        fieldLabels: Object.fromEntries((customFields.data?.items ?? []).map((f) => [f.key, f.label])),
        formatDate: (iso) => formatDateTime(iso),
      }),
    [contacts, classes.data, customFields.data],
  )
  const [survivor, setSurvivor] = useState<number | null>(null)
  const [choices, setChoices] = useState<Record<string, number>>({})
  useEffect(() => {
    if (contacts) setChoices((c) => ({ ...defaultChoices(contacts, fields), ...c }))
  }, [contacts, fields])

  if (contacts === null) {
    return failed ? (
      <ErrorAlert error={failed} />
    ) : (
      <Center py="xl">
        <Loader aria-label="Loading the contacts" />
      </Center>
    )
  }

  const tooMany = ids.length > 2 && role !== 'admin'
  const keep = survivor ?? contacts[0].id // the newest by default
  const choose = (name: string, id: number) => setChoices((c) => ({ ...c, [name]: id }))
  const confirm = () =>
    submit(async (idempotencyKey) => {
      const body = { ids: contacts.map((c) => c.id), survivor_id: keep, fields: Object.fromEntries(fields.map((f) => [f.name, choices[f.name]])) }
      const merged = await merge.mutateAsync({ body, idempotencyKey }).catch(() => null)
      if (!merged) return // the error shows above the buttons
      onClose()
      if (onMerged) onMerged(merged.id)
      else navigate(`/w/${ws}/contacts/${merged.id}`)
    })
  const keepName = contactName(contacts.find((c) => c.id === keep) ?? contacts[0])
  const apiError = isApiError(merge.error) ? merge.error : null
  const fieldMessage = (name: string) => apiError?.fieldError(`fields.${name}`)

  const survivorRadios = (c: Contact) => (
    <Radio
      value={String(c.id)}
      aria-label={`Keep ${contactName(c)}`}
      label={<Text size="sm" fw={600} style={wrap}>{contactName(c)}</Text>}
      description={`Changed ${formatDateTime(c.updated_at)}`}
    />
  )
  const valueLabel = (f: MergeField, c: Contact) =>
    f.values[c.id] ? <Text size="sm" style={wrap}>{f.values[c.id]}</Text> : <Text size="sm" c="dimmed" fs="italic">empty</Text>

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Everything about these contacts (tags, notes, tasks, owners, consents, transactions, files, timeline) moves to the one that
        stays; the others are deleted. Choose the value that wins where they differ.
      </Text>
      {tooMany ? (
        <Alert color="orange" role="status">
          {MORE_THAN_TWO}
        </Alert>
      ) : null}
      <Radio.Group label="Keep this contact" value={String(keep)} onChange={(v) => setSurvivor(Number(v))}>
        <Group mt="xs" gap="lg" align="flex-start" wrap="wrap">
          {contacts.map((c) => (
            <div key={c.id} style={{ minWidth: 0, maxWidth: narrow ? '100%' : 260 }}>
              {survivorRadios(c)}
            </div>
          ))}
        </Group>
      </Radio.Group>
      {fields.length === 0 ? (
        <Text size="sm">Their fields are the same: nothing to choose.</Text>
      ) : narrow ? (
        <Stack gap="sm" aria-label="Fields to choose">
          {fields.map((f) => (
            <Paper key={f.name} withBorder p="sm" radius="md">
              <Radio.Group label={f.label} value={String(choices[f.name])} onChange={(v) => choose(f.name, Number(v))} error={fieldMessage(f.name)}>
                <Stack gap={6} mt={6}>
                  {contacts.map((c) => (
                    <Radio
                      key={c.id}
                      value={String(c.id)}
                      label={valueLabel(f, c)}
                      description={contactName(c)}
                      aria-label={`${f.label}: ${f.values[c.id] || 'empty'} (${contactName(c)})`}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            </Paper>
          ))}
        </Stack>
      ) : (
        <ScrollArea type="auto">
          <Table layout="fixed" verticalSpacing="xs" miw={160 + contacts.length * 200} aria-label="Fields to choose">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={160}>Field</Table.Th>
                {contacts.map((c) => (
                  <Table.Th key={c.id} style={wrap}>
                    {contactName(c)} {c.id === keep ? <Badge size="xs" variant="light">stays</Badge> : null}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((f) => (
                <Table.Tr key={f.name}>
                  <Table.Td>
                    <Text size="sm" fw={500} style={wrap}>
                      {f.label}
                    </Text>
                    {fieldMessage(f.name) ? (
                      <Text size="xs" c="red">
                        {fieldMessage(f.name)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {contacts.map((c) => (
                    <Table.Td key={c.id}>
                      <Radio
                        name={`merge-${f.name}`}
                        value={String(c.id)}
                        checked={choices[f.name] === c.id}
                        onChange={() => choose(f.name, c.id)}
                        label={valueLabel(f, c)}
                        aria-label={`${f.label}: ${f.values[c.id] || 'empty'} (${contactName(c)})`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <ErrorAlert error={merge.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <ConfirmButton
          loading={pending}
          disabled={tooMany}
          confirmTitle="Merge these contacts?"
          confirmText={`${contacts.length - 1} of them will be deleted after everything about them moves to ${keepName}. This cannot be undone.`}
          confirmLabel="Merge"
          onConfirm={confirm}
        >
          Merge into {keepName}
        </ConfirmButton>
      </Group>
    </Stack>
  )
}
