import { Alert, Anchor, Button, Center, Loader, Stack, Text } from '@mantine/core'
import { Link, useNavigate, useParams } from 'react-router'
import { isApiError } from '../api/errors'
import { useInvitationInfo } from '../modules/account/hooks'
import { AcceptInvitationForm } from '../modules/auth/AcceptInvitationForm'
import { AuthCard } from '../modules/auth/AuthCard'
import { useAcceptInvitation, useMe } from '../modules/auth/hooks'
import { ErrorAlert } from '../ui'

export function InvitePage() {
  const { token = '' } = useParams()
  const info = useInvitationInfo(token)
  const me = useMe()
  const accept = useAcceptInvitation()
  const navigate = useNavigate()

  if (info.isPending || me.isPending) {
    return (
      <AuthCard title="Invitation">
        <Center py="lg">
          <Loader aria-label="Loading the invitation" />
        </Center>
      </AuthCard>
    )
  }
  if (info.error) {
    const gone = isApiError(info.error) && info.error.status === 410
    return (
      <AuthCard title={gone ? 'This invitation cannot be used' : 'Invitation not found'}>
        <Stack>
          <Alert color={gone ? 'orange' : 'red'}>
            {gone ? info.error.message : 'This invitation link is not valid. Check that you copied all of it.'}
          </Alert>
          <Button component={Link} to="/login" fullWidth>
            Log in
          </Button>
        </Stack>
      </AuthCard>
    )
  }
  const invitation = info.data
  const subtitle = (
    <>
      <b>{invitation.invited_by}</b> invited <b>{invitation.email}</b> to the {invitation.kind}{' '}
      <b>{invitation.workspace_name}</b>.
    </>
  )
  if (!invitation.account_exists) {
    return (
      <AuthCard title={`Join ${invitation.workspace_name}`} subtitle={subtitle}>
        <Text size="sm" mb="md">
          Choose your name and a password to join.
        </Text>
        <AcceptInvitationForm token={token} />
      </AuthCard>
    )
  }
  const signedInAs = me.data?.user.email
  const isInvitee = signedInAs?.toLowerCase() === invitation.email.toLowerCase()
  return (
    <AuthCard title={`Join ${invitation.workspace_name}`} subtitle={subtitle}>
      <Stack>
        <ErrorAlert error={accept.error} />
        {isInvitee ? (
          <Button
            fullWidth
            loading={accept.isPending}
            onClick={() => accept.mutate({ token }, { onSuccess: () => navigate('/', { replace: true }) })}
          >
            Accept invitation
          </Button>
        ) : signedInAs ? (
          <Alert color="orange">
            You are logged in as {signedInAs}. Log out, then log in as {invitation.email} to accept.
          </Alert>
        ) : (
          <Button component={Link} to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`} fullWidth>
            Log in as {invitation.email} to accept
          </Button>
        )}
        <Anchor component={Link} to="/" size="sm" ta="center">
          Not now
        </Anchor>
      </Stack>
    </AuthCard>
  )
}
