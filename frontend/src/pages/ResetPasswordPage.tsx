import { useSearchParams } from 'react-router'
import { ResetPasswordForm } from '../modules/account/ResetPasswordForm'
import { AuthCard } from '../modules/auth/AuthCard'

export function ResetPasswordPage() {
  const [params] = useSearchParams()
  return (
    <AuthCard title="Choose a new password" subtitle="Every session of your account ends when you save it.">
      <ResetPasswordForm token={params.get('token') ?? ''} />
    </AuthCard>
  )
}
