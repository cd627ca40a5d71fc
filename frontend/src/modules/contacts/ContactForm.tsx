import { Alert, Anchor, Button, Divider, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert, TimeZoneSelect, useUnsavedChanges } from '../../ui'
import { CompanyPicker } from '../companies/CompanyPicker'
import type { ContactClass } from '../settings/classes/types'
import type { CustomField } from '../settings/fields/types'
import { CustomFieldInput } from './CustomFieldInput'
import { toDraft, toPayload, type ContactDraft } from './draft'
import type { Contact, ContactInput } from './types'

type Props = {
  ws: number
  contact?: Contact | null
  fields: CustomField[]
  classes: ContactClass[]
  tagSuggestions?: string[]
  error?: unknown
  submitting?: boolean
  readOnly?: boolean
  onSubmit: (payload: ContactInput) => void
  onCancel?: () => void
  submitLabel?: string
  /** Show "Saved" beside the Save button. */
  saved?: boolean
}

const MAX_LENGTH = { first_name: 100, last_name: 100, email: 254, phone: 40, company: 200, job_title: 200, next_action: 500 }

/** Profile fields, class, tags and custom fields (rendered by type) of a contact, with API errors under each field. */
export function ContactForm({
  ws,
  contact,
  fields,
  classes,
  tagSuggestions = [],
  error,
  submitting,
  readOnly,
  onSubmit,
  onCancel,
  submitLabel = 'Save',
  saved,
}: Props) {
  const defaultClass = classes.length === 1 ? classes[0].id : (classes.find((c) => c.name === 'General')?.id ?? null)
  const [draft, setDraft] = useState<ContactDraft>(() => toDraft(contact, defaultClass))
  // Reload the form when another version of the contact arrives (after save).
  useEffect(() => {
    if (contact) setDraft(toDraft(contact))
  }, [contact])
  useEffect(() => {
    if (!contact && draft.contact_class_id == null && defaultClass != null) {
      setDraft((d) => ({ ...d, contact_class_id: String(defaultClass) }))
    }
  }, [contact, defaultClass, draft.contact_class_id])

  // Leaving a changed card asks first (the new-contact drawer keeps its input instead).
  const stored = contact ? JSON.stringify(toDraft(contact)) : null
  useUnsavedChanges(stored !== null && !readOnly && !submitting && JSON.stringify(draft) !== stored)

  const [tagSearch, setTagSearch] = useState('')
  const err = isApiError(error) ? error : null
  const fe = (name: string) => err?.fieldError(name)
  const existingId = err?.status === 409 ? err.body.existing_id : undefined
  const set = <K extends keyof ContactDraft>(k: K, v: ContactDraft[K]) => setDraft((d) => ({ ...d, [k]: v }))
  const text = (k: 'first_name' | 'last_name' | 'email' | 'phone' | 'job_title' | 'next_action') => ({
    value: draft[k],
    maxLength: MAX_LENGTH[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(k, e.currentTarget.value),
    error: fe(k),
    readOnly,
  })

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    onSubmit(toPayload(draft, fields, contact ? 'update' : 'create'))
  }

  return (
    <form onSubmit={submit} noValidate aria-label={contact ? 'Edit contact' : 'New contact'}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="First name" autoComplete="off" {...text('first_name')} />
          <TextInput label="Last name" autoComplete="off" {...text('last_name')} />
          <TextInput label="Email" type="email" autoComplete="off" {...text('email')} />
          <TextInput label="Phone" type="tel" autoComplete="off" {...text('phone')} />
          <CompanyPicker
            ws={ws}
            value={draft.company_id}
            // Clearing the link clears the company text too; a picked company's name replaces it.
            onChange={(id) => setDraft((d) => ({ ...d, company_id: id, company: id == null ? '' : d.company }))}
            description={draft.company_id == null && draft.company ? `Typed as “${draft.company}”: pick or create the company to link it` : undefined}
            error={fe('company_id') ?? fe('company')}
            readOnly={readOnly}
          />
          <TextInput label="Job title" autoComplete="off" {...text('job_title')} />
          <TimeZoneSelect
            clearable
            placeholder="Workspace default"
            value={draft.time_zone}
            onChange={(v) => set('time_zone', v)}
            error={fe('time_zone')}
            readOnly={readOnly}
          />
          <Select
            label="Class"
            data={classes.map((c) => ({ value: String(c.id), label: c.name }))}
            value={draft.contact_class_id}
            onChange={(v) => set('contact_class_id', v)}
            error={fe('contact_class_id')}
            readOnly={readOnly}
            allowDeselect={false}
          />
          {contact ? null : (
          <TagsInput
            label="Tags"
            placeholder={readOnly ? undefined : 'Type a tag and press Enter'}
            // suggestions only while typing, so no open list covers the buttons below
            data={tagSearch.trim() ? tagSuggestions : []}
            searchValue={tagSearch}
            onSearchChange={setTagSearch}
            value={draft.tags}
            onChange={(v) => set('tags', v)}
            error={fe('tags')}
            readOnly={readOnly}
            clearable={!readOnly}
            splitChars={[',']}
          />
          )}
          <TextInput label="Next action" placeholder="Send the offer" autoComplete="off" {...text('next_action')} />
          <TextInput
            label="Follow up"
            type="datetime-local"
            value={draft.follow_up_at}
            onChange={(e) => set('follow_up_at', e.currentTarget.value)}
            error={fe('follow_up_at')}
            readOnly={readOnly}
          />
        </SimpleGrid>
        {fields.length ? (
          <>
            <Divider label="Custom fields" labelPosition="left" mt="xs" />
            {fe('custom') ? (
              <Text c="red" size="sm" role="alert">
                {fe('custom')}
              </Text>
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {fields.map((f) => (
                <CustomFieldInput
                  key={f.id}
                  field={f}
                  value={draft.custom[f.key]}
                  onChange={(v) => setDraft((d) => ({ ...d, custom: { ...d.custom, [f.key]: v } }))}
                  error={fe(`custom.${f.key}`)}
                  disabled={readOnly}
                />
              ))}
            </SimpleGrid>
          </>
        ) : null}
        {/* Feedback sits next to Save, where the user looks after pressing it (even at 390 px). */}
        {existingId != null ? (
          <Alert color="orange" variant="light" title="Duplicate contact" role="alert">
            {err?.message}{' '}
            <Anchor component={Link} to={`/w/${ws}/contacts/${existingId}`}>
              Open the existing contact
            </Anchor>
          </Alert>
        ) : (
          <ErrorAlert error={error}>
            {err?.fieldError('_schema') || err?.fieldError('_') ? (
              <Text size="sm">{err.fieldError('_schema') ?? err.fieldError('_')}</Text>
            ) : null}
          </ErrorAlert>
        )}
        {saved ? (
          <Text size="sm" c="teal" role="status" ta="right">
            Saved
          </Text>
        ) : null}
        {readOnly ? null : (
          <Group justify="flex-end" mt="xs">
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            ) : null}
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
