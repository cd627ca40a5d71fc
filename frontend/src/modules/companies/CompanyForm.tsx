import { Alert, Anchor, Button, Divider, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert, useUnsavedChanges } from '../../ui'
import { CustomFieldInput } from '../contacts/CustomFieldInput'
import type { CustomField } from '../settings/fields/types'
import { toCompanyDraft, toCompanyPayload, type CompanyDraft } from './draft'
import { COMPANY_SIZES, type Company, type CompanyInput, type CompanySize } from './types'

type Props = {
  ws: number
  company?: Company | null
  /** A new company's name to start with (e.g. what was typed in the picker). */
  initialName?: string
  fields: CustomField[]
  error?: unknown
  submitting?: boolean
  readOnly?: boolean
  onSubmit: (payload: CompanyInput) => void
  onCancel?: () => void
  submitLabel?: string
  /** Show "Saved" beside the Save button. */
  saved?: boolean
}

const MAX_LENGTH = { name: 200, domain: 2000, industry: 100, address: 500 }

/** A company's name, domain, industry, size, address and company custom fields, with API errors under each field. */
export function CompanyForm({ ws, company, initialName, fields, error, submitting, readOnly, onSubmit, onCancel, submitLabel = 'Save', saved }: Props) {
  const [draft, setDraft] = useState<CompanyDraft>(() => toCompanyDraft(company, initialName))
  // Reload the form when another version of the company arrives (after save).
  useEffect(() => {
    if (company) setDraft(toCompanyDraft(company))
  }, [company])
  const stored = company ? JSON.stringify(toCompanyDraft(company)) : null
  useUnsavedChanges(stored !== null && !readOnly && !submitting && JSON.stringify(draft) !== stored)

  const err = isApiError(error) ? error : null
  const fe = (name: string) => err?.fieldError(name)
  const existingId = typeof err?.body.existing_id === 'number' ? err.body.existing_id : undefined
  const set = <K extends keyof CompanyDraft>(k: K, v: CompanyDraft[K]) => setDraft((d) => ({ ...d, [k]: v }))
  const text = (k: 'name' | 'domain' | 'industry') => ({
    value: draft[k],
    maxLength: MAX_LENGTH[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(k, e.currentTarget.value),
    error: fe(k),
    readOnly,
    autoComplete: 'off',
  })
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    onSubmit(toCompanyPayload(draft, fields, company ? 'update' : 'create'))
  }

  return (
    <form onSubmit={submit} noValidate aria-label={company ? 'Edit company' : 'New company'}>
      <Stack gap="sm">
        <TextInput label="Name" required data-autofocus={company ? undefined : true} {...text('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Domain" placeholder={readOnly ? undefined : 'example.com (or paste a web address)'} {...text('domain')} />
          <Select
            label="Size"
            placeholder="Employees"
            data={COMPANY_SIZES.map((s) => ({ value: s, label: `${s} employees` }))}
            value={draft.size}
            onChange={(v) => set('size', v as CompanySize | null)}
            error={fe('size')}
            readOnly={readOnly}
            clearable={!readOnly}
          />
        </SimpleGrid>
        <TextInput label="Industry" placeholder={readOnly ? undefined : 'Manufacturing'} {...text('industry')} />
        <Textarea
          label="Address"
          rows={3}
          resize="vertical"
          maxLength={MAX_LENGTH.address}
          value={draft.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={fe('address')}
          readOnly={readOnly}
        />
        {fields.length ? (
          <>
            <Divider label="Company fields" labelPosition="left" mt="xs" />
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
        {existingId != null && existingId !== company?.id ? (
          <Alert color="orange" variant="light" title="Duplicate company" role="alert">
            {fe('domain')}{' '}
            <Anchor component={Link} to={`/w/${ws}/companies/${existingId}`}>
              Open the existing company
            </Anchor>
          </Alert>
        ) : (
          <ErrorAlert error={error} />
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
