import { Alert, Radio, Stack, Text, Textarea } from '@mantine/core'
import { IconBan } from '@tabler/icons-react'
import { isRefused, REFUSED_MESSAGE, SOURCES, type Source } from './types'

export type QuestionnaireDraft = { source: Source | null; consent_collected: string }

type Props = {
  value: QuestionnaireDraft
  onChange: (value: QuestionnaireDraft) => void
  /** Errors by answer (source, consent_collected; '' for the questionnaire as a whole). */
  errors: Record<string, string>
}

/** Step 4: where the list came from and how these people agreed. A bought or rented list is
 * refused: the reason shows as soon as it is chosen (the API's message once it answered). */
export function SourceStep({ value, onChange, errors }: Props) {
  const refused = isRefused(value.source)
  const reason = errors.source && refused ? errors.source : REFUSED_MESSAGE
  return (
    <Stack gap="lg">
      <Radio.Group
        label="Where did this list come from?"
        description="Mailing people who never agreed hurts your sending reputation and breaks the GDPR: Cardfile asks before every import."
        value={value.source ?? ''}
        onChange={(source) => onChange({ ...value, source: source as Source })}
        error={refused ? undefined : errors.source || errors['']}
        required
      >
        <Stack gap="sm" mt="xs">
          {SOURCES.map((s) => (
            <Radio key={s.value} value={s.value} label={s.label} />
          ))}
        </Stack>
      </Radio.Group>
      {refused ? (
        <Alert color="red" variant="light" icon={<IconBan size={18} />} title="This list cannot be imported" role="alert" data-testid="source-refused">
          <Text size="sm">{reason}</Text>
        </Alert>
      ) : null}
      <Textarea
        label="When and how did these people agree to hear from you?"
        description="For example: “Newsletter form on our website, double opt-in, 2022–2026”. Kept with the import as your record."
        value={value.consent_collected}
        onChange={(e) => onChange({ ...value, consent_collected: e.currentTarget.value })}
        error={errors.consent_collected}
        rows={4}
        maxLength={2000}
        required
      />
    </Stack>
  )
}
