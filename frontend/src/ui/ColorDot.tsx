import { CheckIcon, ColorSwatch, Group, Input, UnstyledButton } from '@mantine/core'

/** Mantine palette names the API accepts as colors (besides #rrggbb). */
export const COLOR_NAMES = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const

/** A color from the API ("grape", "#12b886", "gold") as CSS. */
export function cssColor(color: string | null | undefined): string {
  if (!color) return 'var(--mantine-color-gray-5)'
  if ((COLOR_NAMES as readonly string[]).includes(color)) return `var(--mantine-color-${color}-6)`
  return color
}

export function ColorDot({ color, size = 14 }: { color?: string | null; size?: number }) {
  return <ColorSwatch color={cssColor(color)} size={size} withShadow={false} aria-hidden />
}

type PickerProps = { label: string; value: string; onChange: (color: string) => void; error?: string }

/** Choose one of the palette colors; each swatch is a labelled toggle button. */
export function ColorNamePicker({ label, value, onChange, error }: PickerProps) {
  return (
    <Input.Wrapper label={label} error={error}>
      <Group gap={8} mt={4} role="group" aria-label={label}>
        {COLOR_NAMES.map((name) => (
          <UnstyledButton key={name} onClick={() => onChange(name)} aria-label={name} aria-pressed={value === name} title={name}>
            <ColorSwatch color={cssColor(name)} size={26} style={{ color: '#fff', cursor: 'pointer' }}>
              {value === name ? <CheckIcon size={12} /> : null}
            </ColorSwatch>
          </UnstyledButton>
        ))}
      </Group>
    </Input.Wrapper>
  )
}
