import { ColorSwatch } from '@mantine/core'

export function ColorDot({ color, size = 14 }: { color?: string | null; size?: number }) {
  return <ColorSwatch color={color || '#adb5bd'} size={size} withShadow={false} aria-hidden />
}
