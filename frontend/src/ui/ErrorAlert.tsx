import { Alert } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import type { ReactNode } from 'react'

type Props = { error: unknown; title?: string; children?: ReactNode }

export function errorMessage(error: unknown): string {
  if (!error) return ''
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  return 'Something went wrong.'
}

/** Shows an error's message (or nothing when there is no error). */
export function ErrorAlert({ error, title, children }: Props) {
  if (!error) return null
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert" mb="sm">
      {errorMessage(error)}
      {children}
    </Alert>
  )
}
