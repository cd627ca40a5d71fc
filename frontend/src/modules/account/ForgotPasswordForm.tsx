import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { useRequestPasswordReset } from './hooks'

export function ForgotPasswordForm() {
  const request = useRequestPasswordReset()
  const [email, setEmail] = useState('')
  const err = isApiError(request.error) ? request.error : null
  if (request.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" role="status">
          If an account exists for {email}, we sent it a link to choose a new password. The link works
          once, for one hour.
        </Alert>
        <Anchor component={Link} to="/login" ta="center" size="sm">
          Back to log in
        </Anchor>
      </Stack>
    )
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (!request.isPending) request.mutate(email.trim())
      }}
    >
      <Stack>
        <ErrorAlert error={err && !err.fieldError('email') ? err : null} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={err?.fieldError('email')}
          data-autofocus
        />
        <Button type="submit" loading={request.isPending} fullWidth>
          Send reset link
        </Button>
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/login">
            Back to log in
          </Anchor>
        </Text>
      </Stack>
    </form>
  )
}
