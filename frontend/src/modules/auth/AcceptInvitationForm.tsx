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

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    accept.mutate({ token, name: name.trim(), password }, { onSuccess: () => navigate('/', { replace: true }) })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={accept.error} title={err?.status === 404 ? 'Invitation not found or expired' : undefined} />
        {err?.fieldError('token') ? <ErrorAlert error={err.fieldError('token')} /> : null}
        <TextInput label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldError('name')} data-autofocus />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={err?.fieldError('password')}
          description="At least 8 characters"
        />
        <Button type="submit" loading={accept.isPending} fullWidth>
          Accept invitation
        </Button>
      </Stack>
    </form>
  )
}
