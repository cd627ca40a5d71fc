import { Anchor, Breadcrumbs, Button, Code, Grid, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { ConfirmButton, ErrorAlert, PageHeader, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { useCan } from '../workspaces/hooks'
import { useDeleteTemplate, useSaveTemplate } from './hooks'
import { TemplatePreview } from './TemplatePreview'
import { errorLine, lineRange, sourceLine, type Template, type TemplateInput } from './types'
import { VariablesHelp } from './VariablesHelp'

const WRAP = { overflowWrap: 'anywhere' } as const
const MONO = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } as const
// Code stays readable when the field is marked wrong (Mantine would turn all of it red).
const CODE = { ...MONO, resize: 'vertical', lineHeight: 1.5, color: 'var(--mantine-color-text)' } as const

export const STARTER_HTML = `<html>
  <body style="font-family: Arial, sans-serif; line-height: 1.5; color: #222">
    <p>Hello {{ contact.first_name | default('there') }},</p>
    <p>Write your message here.</p>
    <p style="font-size: 12px; color: #777">
      <a href="{{ preferences_url }}">Your preferences</a> ·
      <a href="{{ unsubscribe_url }}">Unsubscribe</a>
    </p>
  </body>
</html>
`

type Draft = { name: string; subject: string; html: string; text: string }
type Field = 'subject' | 'html' | 'text'

const toBody = (d: Draft): TemplateInput => ({ name: d.name.trim(), subject: d.subject.trim(), html: d.html, text: d.text.trim() ? d.text : null })
const snapshot = (d: Draft) => JSON.stringify(toBody(d))

/** The API's message for a template field, with the line it names quoted from the source. */
function TemplateError({ message, source }: { message: string; source: string }) {
  const line = sourceLine(source, errorLine(message))
  return (
    <span style={WRAP}>
      {message}
      {line ? (
        <>
          <br />
          <Code c="red.8" style={WRAP}>
            {line}
          </Code>
        </>
      ) : null}
    </span>
  )
}

/** A template's name, subject, HTML and plain text, checked by the API when saved (an error
 * goes under its field, with the line), and beside it the saved version rendered as a contact. */
export function TemplateEditor({ ws, template }: { ws: number; template: Template | null }) {
  const canWrite = useCan('write_contacts')
  const navigate = useNavigate()
  const [draft, setDraft] = useState<Draft>(() => ({
    name: template?.name ?? '',
    subject: template?.subject ?? '',
    html: template?.html ?? STARTER_HTML,
    text: template?.text ?? '',
  }))
  const [baseline, setBaseline] = useState(() => snapshot(draft))
  const save = useSaveTemplate(ws)
  const remove = useDeleteTemplate(ws)
  const { submit, pending } = useSubmitOnce()
  const dirty = snapshot(draft) !== baseline
  useUnsavedChanges(canWrite && dirty && !pending)
  const htmlRef = useRef<HTMLTextAreaElement>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)

  const set = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = e.currentTarget.value
    setDraft((d) => ({ ...d, [key]: value }))
  }

  /** Puts the cursor on the line an error names, so it is in view. */
  const showLine = (field: Field, message: string | undefined) => {
    const ref = field === 'html' ? htmlRef : field === 'text' ? textRef : null
    const line = errorLine(message)
    const area = ref?.current
    if (!area || !line) return
    const range = lineRange(area.value, line)
    if (!range) return
    area.focus()
    area.setSelectionRange(range[0], range[1])
  }

  const onSave = (e: React.FormEvent) => {
    e.preventDefault()
    const body = toBody(draft)
    const saving = snapshot(draft)
    void submit(async (idempotencyKey) => {
      try {
        const saved = await save.mutateAsync({ id: template?.id, body, idempotencyKey })
        setBaseline(saving)
        if (!template) navigate(`/w/${ws}/templates/${saved.id}`, { replace: true })
      } catch (error) {
        const fields = (error as { errors?: Record<string, string[]> }).errors ?? {}
        const field = (['html', 'text'] as const).find((f) => fields[f])
        if (field) setTimeout(() => showLine(field, fields[field]?.[0]), 0)
        throw error
      }
    }).catch(() => undefined)
  }

  const onDelete = async () => {
    if (!template) return
    try {
      await remove.mutateAsync(template.id)
      navigate(`/w/${ws}/templates`, { replace: true })
    } catch {
      // the 409 (a campaign not yet sent uses it) shows above the form
    }
  }

  const error = (field: Field) => {
    const message = save.fieldError(field)
    return message ? <TemplateError message={message} source={draft[field]} /> : undefined
  }
  const known = ['name', 'subject', 'html', 'text'].some((f) => save.fieldError(f))

  return (
    <Stack gap="md">
      <nav aria-label="Breadcrumb">
        <Breadcrumbs>
          <Anchor component={Link} to={`/w/${ws}/templates`} size="sm">
            Templates
          </Anchor>
          <Text size="sm" c="dimmed" lineClamp={1} style={WRAP}>
            {template?.name ?? 'New template'}
          </Text>
        </Breadcrumbs>
      </nav>
      <PageHeader
        title={template?.name ?? 'New template'}
        description="Personalise with variables such as {{ contact.first_name }}. Saving checks the template; the preview shows the saved version."
        actions={
          template && canWrite ? (
            <ConfirmButton
              variant="light"
              leftSection={<IconTrash size={16} />}
              confirmTitle="Delete this template?"
              confirmText={`“${template.name}” will no longer be offered for campaigns. Campaigns already sent keep what they sent.`}
              confirmLabel="Delete template"
              onConfirm={onDelete}
            >
              Delete
            </ConfirmButton>
          ) : null
        }
      />
      <ErrorAlert error={remove.error} title="Not deleted" />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="template-form-title">
            <form onSubmit={onSave} noValidate aria-label="Save template">
              <Stack gap="sm">
                <Group justify="space-between" gap="xs">
                  <Title id="template-form-title" order={3} fz="h4">
                    Message
                  </Title>
                  <VariablesHelp />
                </Group>
                <TextInput
                  label="Name"
                  description="For you: people do not see it."
                  placeholder="e.g. Newsletter — marzec"
                  value={draft.name}
                  onChange={set('name')}
                  maxLength={200}
                  error={save.fieldError('name')}
                  withAsterisk
                  readOnly={!canWrite}
                />
                <TextInput
                  label="Subject"
                  placeholder="e.g. {{ contact.first_name }}, nowości na wiosnę"
                  value={draft.subject}
                  onChange={set('subject')}
                  maxLength={500}
                  error={error('subject')}
                  withAsterisk
                  readOnly={!canWrite}
                  styles={{ input: MONO }}
                />
                <Textarea
                  ref={htmlRef}
                  label="HTML"
                  description="Styles in <style> are moved onto the elements when sent."
                  value={draft.html}
                  onChange={set('html')}
                  rows={16}
                  error={error('html')}
                  withAsterisk
                  spellCheck={false}
                  readOnly={!canWrite}
                  styles={{ input: CODE }}
                />
                <Textarea
                  ref={textRef}
                  label="Plain text"
                  description="For mail apps that show no HTML. Empty: made from the HTML."
                  value={draft.text}
                  onChange={set('text')}
                  rows={6}
                  error={error('text')}
                  spellCheck={false}
                  readOnly={!canWrite}
                  styles={{ input: CODE }}
                />
                <ErrorAlert error={known ? null : save.error} />
                {canWrite ? (
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Text size="xs" c={dirty ? 'dimmed' : 'teal'} role="status">
                      {dirty ? (template ? 'Unsaved changes.' : '') : save.isSuccess ? 'Saved.' : ''}
                    </Text>
                    <Button
                      type="submit"
                      loading={pending}
                      disabled={!draft.name.trim() || !draft.subject.trim() || !draft.html.trim() || (!dirty && !!template)}
                      leftSection={<IconDeviceFloppy size={16} />}
                    >
                      {template ? 'Save changes' : 'Save template'}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <div style={{ position: 'sticky', top: 68 }}>
            <TemplatePreview ws={ws} templateId={template?.id} dirty={dirty} />
          </div>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
