import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router'
import { UnsavedChangesGuard } from '../ui/useUnsavedChanges'
import { WorkspaceGate } from '../modules/workspaces/WorkspaceGate'
import { RedirectIfAuthenticated, RequireAuth } from './AuthGuard'
import { AccountLayout } from './layout/AccountLayout'
import { AppLayout } from './layout/AppLayout'
import { RouteError } from './RouteError'

/** Each page is its own chunk, loaded when its route is first opened. */
const page = (load: () => Promise<Record<string, React.ComponentType>>, name: string): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load())[name] }),
})

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    element: (
      <>
        <UnsavedChangesGuard />
        <Outlet />
      </>
    ),
    children: [
      {
        element: <RedirectIfAuthenticated />,
        children: [
          { path: '/login', ...page(() => import('../pages/LoginPage'), 'LoginPage') },
          { path: '/signup', ...page(() => import('../pages/SignupPage'), 'SignupPage') },
        ],
      },
      { path: '/forgot-password', ...page(() => import('../pages/ForgotPasswordPage'), 'ForgotPasswordPage') },
      { path: '/reset-password', ...page(() => import('../pages/ResetPasswordPage'), 'ResetPasswordPage') },
      { path: '/invite/:token', ...page(() => import('../pages/InvitePage'), 'InvitePage') },
      // No login: a person's own subscriptions, from the link in their mail.
      { path: '/preferences/:token', ...page(() => import('../pages/PreferencesPage'), 'PreferencesPage') },
      // No login: a calendar's booking page, and a booking from the link in its mail.
      { path: '/book/:workspaceSlug/:calendarSlug', ...page(() => import('../modules/bookings/public/BookingPage'), 'BookingPage') },
      { path: '/booking/:token', ...page(() => import('../modules/bookings/public/ManageBookingPage'), 'ManageBookingPage') },
      {
        element: <RequireAuth />,
        children: [
          { path: '/', ...page(() => import('../pages/HomePage'), 'HomePage') },
          {
            element: <AccountLayout />,
            children: [
              { path: '/account', ...page(() => import('../pages/AccountPage'), 'AccountPage') },
              { path: '/agency/:agencyId', ...page(() => import('../pages/AgencyPage'), 'AgencyPage') },
              {
                path: '/agency/:agencyId/deliverability',
                ...page(() => import('../modules/deliverability/AgencyDeliverabilityPage'), 'AgencyDeliverabilityPage'),
              },
            ],
          },
          {
            path: '/w/:ws',
            element: <AppLayout />,
            children: [
              {
                element: <WorkspaceGate />,
                children: [
                  { index: true, element: <Navigate to="contacts" replace /> },
                  { path: 'contacts', ...page(() => import('../pages/ContactsPage'), 'ContactsPage') },
                  { path: 'contacts/:contactId', ...page(() => import('../pages/ContactPage'), 'ContactPage') },
                  { path: 'companies', ...page(() => import('../pages/CompaniesPage'), 'CompaniesPage') },
                  { path: 'companies/:companyId', ...page(() => import('../pages/CompanyPage'), 'CompanyPage') },
                  { path: 'lists', ...page(() => import('../modules/lists/ListsPage'), 'ListsPage') },
                  { path: 'lists/:listId', ...page(() => import('../modules/lists/ListDetailPage'), 'ListDetailPage') },
                  { path: 'segments', ...page(() => import('../modules/segments/SegmentsPage'), 'SegmentsPage') },
                  { path: 'segments/new', ...page(() => import('../modules/segments/SegmentBuilderPage'), 'SegmentBuilderPage') },
                  { path: 'segments/:segmentId', ...page(() => import('../modules/segments/SegmentBuilderPage'), 'SegmentBuilderPage') },
                  { path: 'campaigns', ...page(() => import('../modules/campaigns/CampaignsPage'), 'CampaignsPage') },
                  { path: 'campaigns/new', ...page(() => import('../modules/campaigns/CampaignPage'), 'CampaignPage') },
                  { path: 'campaigns/:campaignId', ...page(() => import('../modules/campaigns/CampaignPage'), 'CampaignPage') },
                  { path: 'templates', ...page(() => import('../modules/campaigns/TemplatesPage'), 'TemplatesPage') },
                  { path: 'templates/new', ...page(() => import('../modules/campaigns/TemplateEditorPage'), 'TemplateEditorPage') },
                  { path: 'templates/:templateId', ...page(() => import('../modules/campaigns/TemplateEditorPage'), 'TemplateEditorPage') },
                  { path: 'trash', ...page(() => import('../pages/TrashPage'), 'TrashPage') },
                  { path: 'duplicates', ...page(() => import('../modules/merge/DuplicatesPage'), 'DuplicatesPage') },
                  { path: 'imports', ...page(() => import('../modules/imports/ImportsPage'), 'ImportsPage') },
                  { path: 'imports/new', ...page(() => import('../modules/imports/ImportWizardPage'), 'ImportWizardPage') },
                  { path: 'imports/:importId', ...page(() => import('../modules/imports/ImportWizardPage'), 'ImportWizardPage') },
                  { path: 'hygiene', ...page(() => import('../modules/hygiene/HygienePage'), 'HygienePage') },
                  { path: 'hygiene/:runId', ...page(() => import('../modules/hygiene/HygieneRunPage'), 'HygieneRunPage') },
                  { path: 'tasks', ...page(() => import('../pages/TasksPage'), 'TasksPage') },
                  { path: 'responsibles', ...page(() => import('../pages/ResponsiblesPage'), 'ResponsiblesPage') },
                  { path: 'settings', element: <Navigate to="members" replace /> },
                  { path: 'settings/members', ...page(() => import('../pages/settings/MembersSettingsPage'), 'MembersSettingsPage') },
                  { path: 'settings/classes', ...page(() => import('../pages/settings/ClassesSettingsPage'), 'ClassesSettingsPage') },
                  { path: 'settings/fields', ...page(() => import('../pages/settings/FieldsSettingsPage'), 'FieldsSettingsPage') },
                  { path: 'settings/tags', ...page(() => import('../modules/tags/TagsSettingsPage'), 'TagsSettingsPage') },
                  { path: 'settings/tokens', ...page(() => import('../pages/settings/TokensSettingsPage'), 'TokensSettingsPage') },
                  { path: 'settings/consents', ...page(() => import('../modules/consents/ConsentPurposesPage'), 'ConsentPurposesPage') },
                  { path: 'settings/scoring', ...page(() => import('../modules/scoring/ScoringSettingsPage'), 'ScoringSettingsPage') },
                  { path: 'settings/sending-domains', ...page(() => import('../modules/deliverability/SendingDomainsPage'), 'SendingDomainsPage') },
                  { path: 'settings/calendars', ...page(() => import('../modules/bookings/staff/CalendarsSettingsPage'), 'CalendarsSettingsPage') },
                  { path: 'settings/calendars/:calendarId', ...page(() => import('../modules/bookings/staff/CalendarEditorPage'), 'CalendarEditorPage') },
                  { path: 'bookings', ...page(() => import('../modules/bookings/staff/BookingsPage'), 'BookingsPage') },
                  { path: 'deliverability', ...page(() => import('../modules/deliverability/DeliverabilityPage'), 'DeliverabilityPage') },
                  { path: 'settings/privacy', ...page(() => import('../modules/gdpr/PrivacySettingsPage'), 'PrivacySettingsPage') },
                  { path: 'settings/workspace', ...page(() => import('../pages/settings/WorkspaceSettingsPage'), 'WorkspaceSettingsPage') },
                  { path: 'mail', ...page(() => import('../pages/MailboxPage'), 'MailboxPage') },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', ...page(() => import('../pages/NotFoundPage'), 'NotFoundPage') },
    ],
  },
]

export function createRouter() {
  return createBrowserRouter(routes)
}
