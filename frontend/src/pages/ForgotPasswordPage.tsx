import { ForgotPasswordForm } from '../modules/account/ForgotPasswordForm'
import { AuthCard } from '../modules/auth/AuthCard'

export function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" subtitle="Enter your email; we send you a link to choose a new one.">
      <ForgotPasswordForm />
    </AuthCard>
  )
}
