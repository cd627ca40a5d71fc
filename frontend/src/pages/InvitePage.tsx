import { useParams } from 'react-router'
import { AcceptInvitationForm } from '../modules/auth/AcceptInvitationForm'
import { AuthCard } from '../modules/auth/AuthCard'

export function InvitePage() {
  const { token = '' } = useParams()
  return (
    <AuthCard title="Accept invitation" subtitle="Choose your name and a password to join.">
      <AcceptInvitationForm token={token} />
    </AuthCard>
  )
}
