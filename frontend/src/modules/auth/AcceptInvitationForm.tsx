import { Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { useAcceptInvitation } from './hooks'

export function AcceptInvitationForm({ token }: { token: string }) {
  const accept = useAcceptInvitation()
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const err = isApiError(accept.error) ? accept.error : null
  const tokenError = err?.fieldError('token')

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (accept.isPending) return
    accept.mutate({ token, name: name.trim(), password }, { onSuccess: () => navigate('/', { replace: true }) })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert
          error={err && !err.fieldError('name') && !err.fieldError('password') ? (tokenError ?? accept.error) : null}
          title={err?.status === 410 || tokenError ? 'This invitation cannot be used' : undefined}
        />
        <TextInput label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldError('name')} maxLength={200} data-autofocus />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={err?.fieldError('password')}
          description="At least 10 characters"
        />
        <Button type="submit" loading={accept.isPending} fullWidth>
          Accept invitation
        </Button>
      </Stack>
    </form>
  )
}
