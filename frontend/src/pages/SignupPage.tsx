import { AuthCard } from '../modules/auth/AuthCard'
import { SignupForm } from '../modules/auth/SignupForm'

export function SignupPage() {
  return (
    <AuthCard title="Create your account" subtitle="Sign up with your agency; you get a first workspace right away.">
      <SignupForm />
    </AuthCard>
  )
}
