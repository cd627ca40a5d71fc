import { TextInput, type TextInputProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'

type Props = Omit<TextInputProps, 'value' | 'onChange'> & {
  /** The search in the URL. */
  value: string
  /** Called 300 ms after typing stops, with the trimmed text. */
  onSearch: (q: string) => void
}

/** A search box for a list kept in the URL: typing is debounced, Back and a reload restore it. */
export function SearchInput({ value, onSearch, ...rest }: Props) {
  const [text, setText] = useState(value)
  const [debounced] = useDebouncedValue(text, 300)
  useEffect(() => {
    if (debounced.trim() !== value) onSearch(debounced.trim())
  }, [debounced]) // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => setText((t) => (t.trim() === value ? t : value)), [value])
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      type="search"
      maxLength={200}
      {...rest}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
    />
  )
}
