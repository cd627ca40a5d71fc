import { NativeSelect, Radio, Stack, TagsInput, Text } from '@mantine/core'
import { useTags } from '../contacts/hooks'
import { useContactClasses } from '../settings/classes/hooks'
import { EXISTING, type Existing, type ImportOptions } from './types'

type Props = {
  ws: number
  options: ImportOptions
  onChange: (options: ImportOptions) => void
  /** API errors by option: existing, tags, contact_class_id; '' for the options as a whole. */
  errors: Record<string, string>
}

/** Step 3: what happens to contacts already here, tags for everyone imported, and the class
 * of the new contacts. */
export function OptionsStep({ ws, options, onChange, errors }: Props) {
  const tags = useTags(ws)
  const classes = useContactClasses(ws)
  const classItems = [...(classes.data?.items ?? [])].sort((a, b) => a.id - b.id)
  const tagNames = (tags.data?.items ?? []).map((t) => t.name)
  const tagErrors = Object.entries(errors)
    .filter(([k]) => k === 'tags' || k.startsWith('tags.'))
    .map(([, m]) => m)
  return (
    <Stack gap="lg">
      <Radio.Group
        label="Contacts already in Cardfile (the same email)"
        value={options.existing}
        onChange={(value) => onChange({ ...options, existing: value as Existing })}
        error={errors.existing}
      >
        <Stack gap="sm" mt="xs">
          {EXISTING.map((e) => (
            <Radio key={e.value} value={e.value} label={e.label} description={e.description} />
          ))}
        </Stack>
      </Radio.Group>

      <TagsInput
        label="Tags for every imported contact"
        description="Type a tag and press Enter; new tags are created. The file's own tag column, if mapped, adds its tags too."
        placeholder={options.tags?.length ? undefined : 'For example: fair-2026'}
        data={tagNames}
        value={options.tags ?? []}
        onChange={(value) => onChange({ ...options, tags: value })}
        maxTags={20}
        clearable
        splitChars={[',', ';']}
        error={tagErrors.join(' ') || undefined}
        maw={560}
      />

      <NativeSelect
        label="Class of the new contacts"
        description="Who may see them. Contacts already here keep their class."
        data={[
          { value: '', label: classItems.length ? `Default (${classItems[0].name})` : 'Default' },
          ...classItems.map((c) => ({ value: String(c.id), label: c.name })),
        ]}
        value={options.contact_class_id == null ? '' : String(options.contact_class_id)}
        onChange={(e) => onChange({ ...options, contact_class_id: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
        error={errors.contact_class_id}
        maw={420}
      />
      {errors[''] ? (
        <Text size="sm" c="red">
          {errors['']}
        </Text>
      ) : null}
    </Stack>
  )
}
