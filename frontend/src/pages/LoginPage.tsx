import { AuthCard } from '../modules/auth/AuthCard'
import { LoginForm } from '../modules/auth/LoginForm'

export function LoginPage() {
  return (
    <AuthCard title="Log in" subtitle="Welcome back to Cardfile.">
      <LoginForm />
    </AuthCard>
  )
}
