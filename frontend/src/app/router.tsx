import { createBrowserRouter, Navigate, type RouteObject } from 'react-router'
import { ContactPage } from '../pages/ContactPage'
import { ContactsPage } from '../pages/ContactsPage'
import { HomePage } from '../pages/HomePage'
import { InvitePage } from '../pages/InvitePage'
import { LoginPage } from '../pages/LoginPage'
import { MailboxPage } from '../pages/MailboxPage'
import { NotFoundPage } from '../pages/NotFoundPage'
import { ClassesSettingsPage } from '../pages/settings/ClassesSettingsPage'
import { FieldsSettingsPage } from '../pages/settings/FieldsSettingsPage'
import { MembersSettingsPage } from '../pages/settings/MembersSettingsPage'
import { TokensSettingsPage } from '../pages/settings/TokensSettingsPage'
import { WorkspaceSettingsPage } from '../pages/settings/WorkspaceSettingsPage'
import { SignupPage } from '../pages/SignupPage'
import { WorkspaceGate } from '../modules/workspaces/WorkspaceGate'
import { RedirectIfAuthenticated, RequireAuth } from './AuthGuard'
import { AppLayout } from './layout/AppLayout'
import { RouteError } from './RouteError'

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
  {
    element: <RedirectIfAuthenticated />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/signup', element: <SignupPage /> },
    ],
  },
  { path: '/invite/:token', element: <InvitePage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: '/', element: <HomePage /> },
      {
        path: '/w/:ws',
        element: <AppLayout />,
        children: [
          {
            element: <WorkspaceGate />,
            children: [
              { index: true, element: <Navigate to="contacts" replace /> },
              { path: 'contacts', element: <ContactsPage /> },
              { path: 'contacts/:contactId', element: <ContactPage /> },
              { path: 'settings', element: <Navigate to="members" replace /> },
              { path: 'settings/members', element: <MembersSettingsPage /> },
              { path: 'settings/classes', element: <ClassesSettingsPage /> },
              { path: 'settings/fields', element: <FieldsSettingsPage /> },
              { path: 'settings/tokens', element: <TokensSettingsPage /> },
              { path: 'settings/workspace', element: <WorkspaceSettingsPage /> },
              { path: 'mail', element: <MailboxPage /> },
            ],
          },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
    ],
  },
]

export function createRouter() {
  return createBrowserRouter(routes)
}
