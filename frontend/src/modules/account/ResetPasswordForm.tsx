import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { useConfirmPasswordReset } from './hooks'

export function ResetPasswordForm({ token }: { token: string }) {
  const confirm = useConfirmPasswordReset()
  const [password, setPassword] = useState('')
  const err = isApiError(confirm.error) ? confirm.error : null
  const tokenProblem = err?.fieldError('token') ?? (token ? undefined : 'This link has no token; ask for a new one.')
  if (confirm.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" role="status">
          Your password is changed, and every session of your account has ended. Log in with the new password.
        </Alert>
        <Button component={Link} to="/login" fullWidth>
          Log in
        </Button>
      </Stack>
    )
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (!confirm.isPending) confirm.mutate({ token, password })
      }}
    >
      <Stack>
        {tokenProblem ? (
          <Alert color="red" title="This link cannot be used">
            {tokenProblem}{' '}
            <Anchor component={Link} to="/forgot-password">
              Ask for a new link
            </Anchor>
          </Alert>
        ) : (
          <ErrorAlert error={err && !err.fieldError('password') ? err : null} />
        )}
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          description="At least 10 characters"
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={err?.fieldError('password')}
          data-autofocus
        />
        <Button type="submit" loading={confirm.isPending} fullWidth disabled={!token}>
          Set new password
        </Button>
      </Stack>
    </form>
  )
}
