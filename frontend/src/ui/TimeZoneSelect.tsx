import { Select, type SelectProps } from '@mantine/core'
import { useMemo } from 'react'
import { timeZones } from './format'

/** A searchable "Time zone" select over the browser's IANA zones. */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const zones = useMemo(() => timeZones(), [])
  return <Select label="Time zone" searchable data={zones} {...props} />
}
