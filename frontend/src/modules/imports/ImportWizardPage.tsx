import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Stepper, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconArrowLeft, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { isApiError, type FieldErrors } from '../../api/errors'
import { ConfirmButton, ErrorAlert, formatDateTime, PageHeader, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { formatSize } from '../files/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { ColumnsStep } from './ColumnsStep'
import { useDeleteImport, useImport, usePatchImport, useStartImport, type ImportPatch } from './hooks'
import { ImportProgressView } from './ImportProgressView'
import { ImportReportView } from './ImportReportView'
import { STATUS_COLORS, STATUS_LABELS } from './labels'
import { applySaved, mappingErrors, mappingProblems, sameMapping, type Mapping } from './mapping'
import { OptionsStep } from './OptionsStep'
import { SourceStep, type QuestionnaireDraft } from './SourceStep'
import { optionsOf, questionnaireOf, sameOptions } from './draft'
import { errorsUnder, nextStep, previousStep, stepFromParam, stepIndex, stepOfErrors, STEPS, type DraftStep, type StepKey } from './steps'
import { UploadStep } from './UploadStep'
import { isRunning, type Import, type ImportOptions, type SavedMapping } from './types'

const wrap = { overflowWrap: 'anywhere' } as const

function BackToImports({ ws }: { ws: number }) {
  return (
    <Anchor component={Link} to={`/w/${ws}/imports`} size="sm" style={{ alignSelf: 'flex-start' }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} />
        All imports
      </Group>
    </Anchor>
  )
}

/** Where the wizard is; earlier steps of a draft can be clicked. */
function WizardSteps({ active, onStep }: { active: StepKey; onStep?: (step: DraftStep) => void }) {
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false })
  const index = stepIndex(active)
  return (
    <Stack gap={4} mb="xs">
      <Stepper
        active={index}
        size="sm"
        iconSize={narrow ? 28 : 34}
        allowNextStepsSelect={false}
        onStepClick={(i) => {
          const key = STEPS[i].key
          if (key !== 'upload' && i < index) onStep?.(key)
        }}
        aria-label="Import steps"
      >
        {STEPS.map((s, i) => (
          <Stepper.Step
            key={s.key}
            label={narrow ? undefined : s.label}
            description={narrow ? undefined : s.description}
            aria-label={`Step ${i + 1}: ${s.label}`}
            allowStepSelect={s.key !== 'upload' && i < index && !!onStep}
          />
        ))}
      </Stepper>
      {narrow ? (
        <Text size="sm" fw={600}>
          Step {index + 1} of {STEPS.length}: {STEPS[index].label} · <Text span c="dimmed" size="sm">{STEPS[index].description}</Text>
        </Text>
      ) : null}
    </Stack>
  )
}

function NewImport({ ws }: { ws: number }) {
  const navigate = useNavigate()
  const canWrite = useCan('write_contacts')
  return (
    <Stack gap="md">
      <BackToImports ws={ws} />
      <PageHeader title="Import contacts" description="From a CSV or TXT file, in four steps. Nothing is imported before the last one." />
      <WizardSteps active="upload" />
      {canWrite ? (
        <UploadStep ws={ws} onUploaded={(draft) => navigate(`/w/${ws}/imports/${draft.id}?step=columns`, { replace: true })} />
      ) : (
        <Alert color="gray" variant="light">
          Viewers see imports but cannot import: ask an admin of this workspace.
        </Alert>
      )}
    </Stack>
  )
}

/** Steps 2–4 of a draft. Each step is saved (PATCH) on Next, so Back, a reload or coming back
 * later shows what was chosen; the step is in the URL. */
function DraftWizard({ ws, record }: { ws: number; record: Import }) {
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const step = stepFromParam(params.get('step'))
  const canWrite = useCan('write_contacts')
  const canAddFields = useCan('manage_settings')
  const customFields = useCustomFields(ws, 'contact')
  const fields = (customFields.data?.items ?? []).map((f) => ({ key: f.key, label: f.label }))
  const patch = usePatchImport(ws, record.id)
  const start = useStartImport(ws, record.id)
  const remove = useDeleteImport(ws, record.id)
  const { submit, pending } = useSubmitOnce()

  const [mappingDraft, setMappingDraft] = useState<Mapping | null>(null)
  const [optionsDraft, setOptionsDraft] = useState<ImportOptions | null>(null)
  const [sourceDraft, setSourceDraft] = useState<QuestionnaireDraft | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>(null)
  const [triedNext, setTriedNext] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [leaving, setLeaving] = useState<string | null>(null)

  const savedMapping = record.suggested_mapping
  const mapping = mappingDraft ?? savedMapping
  const savedOptions = optionsOf(record.options)
  const options = optionsDraft ?? savedOptions
  const savedSource = questionnaireOf(record.questionnaire)
  const source = sourceDraft ?? savedSource
  const dirty =
    !leaving &&
    ((!!mappingDraft && !sameMapping(record.columns, mappingDraft, savedMapping)) ||
      (!!optionsDraft && !sameOptions(optionsDraft, savedOptions)) ||
      (!!sourceDraft && (sourceDraft.source !== savedSource.source || sourceDraft.consent_collected !== savedSource.consent_collected)))
  useUnsavedChanges(dirty)

  useEffect(() => {
    if (leaving) navigate(leaving)
  }, [leaving, navigate])
  useEffect(() => {
    window.scrollTo({ top: 0 })
  }, [step])

  const go = (to: DraftStep | null) => {
    if (!to) return
    setNotice(null)
    setParams((prev) => {
      const next = new URLSearchParams(prev)
      next.set('step', to)
      return next
    })
  }

  const fail = (e: unknown) => {
    setErrors(isApiError(e) ? e.errors : {})
    setFailure(e)
  }

  const save = async (body: ImportPatch): Promise<Import | null> => {
    setFailure(null)
    try {
      const updated = await patch.mutateAsync(body)
      setErrors({})
      return updated ?? null
    } catch (e) {
      fail(e)
      return null
    }
  }

  const changeLayout = (change: Pick<ImportPatch, 'encoding' | 'delimiter' | 'header'>) =>
    void submit(async () => {
      const before = record.columns
      const updated = await save(change)
      // Other columns: the server suggested a new mapping for them.
      if (updated && updated.columns.join('\n') !== before.join('\n')) {
        setMappingDraft(null)
        setTriedNext(false)
      }
    })

  const map = (column: string, target: string) => {
    setMappingDraft({ ...mapping, [column]: target })
    setNotice(null)
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => k !== 'mapping' && k !== `mapping.${column}`)))
  }

  const applyMapping = (saved: SavedMapping) => {
    const applied = applySaved(record.columns, mapping, saved.mapping, fields)
    setMappingDraft(applied.mapping)
    setErrors({})
    setNotice(
      applied.matched.length
        ? `Applied “${saved.name}” to ${applied.matched.length} of ${record.columns.length} columns.`
        : `No column of this file is named in “${saved.name}”: nothing changed.`,
    )
  }

  const next = () =>
    void submit(async () => {
      if (step === 'columns') {
        setTriedNext(true)
        if (Object.keys(mappingProblems(record.columns, mapping)).length) return
        if (!(await save({ mapping }))) return
        setMappingDraft(null)
      } else if (step === 'options') {
        if (!(await save({ options }))) return
        setOptionsDraft(null)
      }
      go(nextStep(step))
    })

  const startImport = () =>
    void submit(async (idempotencyKey) => {
      const missing: FieldErrors = {}
      if (!source.source) missing['questionnaire.source'] = ['Choose where the list came from.']
      if (source.consent_collected.trim().length < 3)
        missing['questionnaire.consent_collected'] = ['Say when and how these people agreed (3 to 2,000 characters).']
      if (Object.keys(missing).length) {
        setFailure(null)
        setErrors(missing)
        return
      }
      const saved = await save({ questionnaire: { source: source.source!, consent_collected: source.consent_collected.trim() } })
      if (!saved) return
      setSourceDraft(null)
      try {
        await start.mutateAsync(idempotencyKey)
        // Queued: the import's page shows its progress from now on.
        setParams({}, { replace: true })
      } catch (e) {
        fail(e)
        const where = isApiError(e) ? stepOfErrors(e.errors) : null
        if (where && where !== step) {
          go(where)
          setNotice('Fix this before starting the import.')
        }
      }
    })

  const back = () => go(previousStep(step))

  // Errors shown on this step; anything else goes to the alert on top.
  const columnErrors = {
    ...Object.fromEntries(
      Object.entries(mappingProblems(record.columns, mapping)).filter(([column]) => column !== '' || triedNext),
    ),
    ...mappingErrors(errors, record.columns),
  }
  const layoutErrors = {
    encoding: errors.encoding?.join(' '),
    delimiter: errors.delimiter?.join(' '),
    header: errors.header?.join(' '),
  }
  const optionErrors = { ...errorsUnder(errors, 'options'), ...(errors.contact_class_id ? { contact_class_id: errors.contact_class_id.join(' ') } : {}) }
  const sourceErrors = errorsUnder(errors, 'questionnaire')
  const shownHere = stepOfErrors(errors) === step
  const busy = pending || patch.isPending || start.isPending

  return (
    <Stack gap="md">
      <BackToImports ws={ws} />
      <PageHeader
        title="Import contacts"
        description={
          <Text span size="sm" c="dimmed" style={wrap}>
            {record.filename} · {formatSize(record.size)} · uploaded {formatDateTime(record.created_at)}
          </Text>
        }
        actions={
          canWrite ? (
            <ConfirmButton
              variant="subtle"
              size="xs"
              confirmTitle="Discard this import?"
              confirmText="The uploaded file and your choices are deleted. No contact was imported yet."
              confirmLabel="Discard"
              onConfirm={async () => {
                await remove.mutateAsync()
                setLeaving(`/w/${ws}/imports`)
              }}
            >
              Discard
            </ConfirmButton>
          ) : null
        }
      />
      <WizardSteps active={step} onStep={go} />
      {notice ? (
        <Alert color="blue" variant="light" py="xs" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
          {notice}
        </Alert>
      ) : null}
      <ErrorAlert error={(shownHere ? null : failure) || remove.error} />

      {!canWrite ? (
        <Alert color="gray" variant="light">
          Viewers see imports but cannot change them.
        </Alert>
      ) : step === 'columns' ? (
        <ColumnsStep
          ws={ws}
          record={record}
          mapping={mapping}
          onMap={map}
          onApplySaved={applyMapping}
          onLayout={changeLayout}
          reading={patch.isPending && patch.variables && !patch.variables.mapping ? patch.variables : null}
          fields={fields}
          canAddFields={canAddFields}
          layoutErrors={layoutErrors}
          mappingErrors={columnErrors}
        />
      ) : step === 'options' ? (
        <OptionsStep ws={ws} options={options} onChange={setOptionsDraft} errors={optionErrors} />
      ) : (
        <SourceStep value={source} onChange={setSourceDraft} errors={sourceErrors} />
      )}

      {canWrite ? (
        <Paper withBorder radius="md" p="sm" pos="sticky" bottom={0} style={{ zIndex: 3 }}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            {previousStep(step) ? (
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={back} disabled={busy}>
                Back
              </Button>
            ) : (
              <span />
            )}
            {step === 'source' ? (
              <Button leftSection={<IconPlayerPlay size={16} />} onClick={startImport} loading={busy}>
                Start import
              </Button>
            ) : (
              <Button rightSection={<IconArrowRight size={16} />} onClick={next} loading={busy}>
                Next
              </Button>
            )}
          </Group>
        </Paper>
      ) : null}
    </Stack>
  )
}

function ImportDetail({ ws, id }: { ws: number; id: number }) {
  const navigate = useNavigate()
  const imported = useImport(ws, id)
  const canWrite = useCan('write_contacts')
  const remove = useDeleteImport(ws, id)
  const retry = useStartImport(ws, id)
  const { submit } = useSubmitOnce()
  const record = imported.data

  if (imported.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the import" />
      </Center>
    )
  }
  if (!record) {
    const missing = isApiError(imported.error) && imported.error.status === 404
    return (
      <Stack gap="md">
        <BackToImports ws={ws} />
        <ErrorAlert error={missing ? 'This import does not exist or was deleted.' : imported.error} />
      </Stack>
    )
  }
  if (record.status === 'draft') return <DraftWizard ws={ws} record={record} />

  return (
    <Stack gap="md">
      <BackToImports ws={ws} />
      <PageHeader
        title={<span style={wrap}>{record.filename}</span>}
        description={`${formatSize(record.size)} · uploaded ${formatDateTime(record.created_at)}`}
        actions={
          <Badge size="lg" variant="light" color={STATUS_COLORS[record.status]}>
            {STATUS_LABELS[record.status]}
          </Badge>
        }
      />
      {isRunning(record.status) ? (
        <ImportProgressView ws={ws} record={record} canWrite={canWrite} />
      ) : (
        <ImportReportView
          ws={ws}
          record={record}
          canWrite={canWrite}
          onDelete={async () => {
            await remove.mutateAsync()
            navigate(`/w/${ws}/imports`)
          }}
          onRetry={() => submit((key) => retry.mutateAsync(key)).catch(() => undefined)}
          retrying={retry.isPending}
          actionError={retry.error ?? remove.error}
        />
      )}
    </Stack>
  )
}

/** /w/:ws/imports/new (the upload) and /w/:ws/imports/:importId (the draft's steps, the
 * progress, then the report). */
export function ImportWizardPage() {
  const ws = useWorkspaceId()
  const { importId } = useParams()
  if (importId === undefined) return <NewImport ws={ws} />
  return <ImportDetail key={importId} ws={ws} id={Number(importId)} />
}
