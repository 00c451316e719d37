import { createTheme, MantineProvider, NativeSelect, PasswordInput, Textarea, TextInput } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { lazy, Suspense } from 'react';
import { Loading } from './components/Feedback';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { UnitPage } from './pages/UnitPage';

// The officers' console and sign-up (with the QR code library) load only when needed.
const AuditTab = lazy(() => import('./console/AuditTab').then((m) => ({ default: m.AuditTab })));
const ZaloTab = lazy(() => import('./console/zalo/ZaloTab').then((m) => ({ default: m.ZaloTab })));
const ConsoleLayout = lazy(() => import('./console/ConsoleLayout').then((m) => ({ default: m.ConsoleLayout })));
const ConsoleHome = lazy(() => import('./console/ConsoleLayout').then((m) => ({ default: m.ConsoleHome })));
const OfficersTab = lazy(() => import('./console/OfficersTab').then((m) => ({ default: m.OfficersTab })));
const ProfileTab = lazy(() => import('./console/ProfileTab').then((m) => ({ default: m.ProfileTab })));
const UnitConsole = lazy(() => import('./console/UnitConsole').then((m) => ({ default: m.UnitConsole })));
const ProceduresTab = lazy(() => import('./console/ProceduresTab').then((m) => ({ default: m.ProceduresTab })));
const QuestionsTab = lazy(() => import('./console/QuestionsTab').then((m) => ({ default: m.QuestionsTab })));
const PostsTab = lazy(() => import('./console/posts/PostsTab').then((m) => ({ default: m.PostsTab })));
const GroupsTab = lazy(() => import('./console/groups/GroupsTab').then((m) => ({ default: m.GroupsTab })));
// Recharts only for the reach tab; the invitation kit is printed now and then.
const ReachTab = lazy(() => import('./console/reach/ReachTab').then((m) => ({ default: m.ReachTab })));
const InvitationKitPage = lazy(() =>
  import('./console/invitations/InvitationKitPage').then((m) => ({ default: m.InvitationKitPage })),
);
const TipsTab = lazy(() => import('./console/tips/TipsTab').then((m) => ({ default: m.TipsTab })));
const InboxTab = lazy(() => import('./console/inbox/InboxTab').then((m) => ({ default: m.InboxTab })));
const KbEditPage = lazy(() => import('./console/KbEditPage').then((m) => ({ default: m.KbEditPage })));
// The procedures guide too: the home and unit pages stay light.
const ProceduresPage = lazy(() => import('./pages/ProceduresPage').then((m) => ({ default: m.ProceduresPage })));
const ProcedurePage = lazy(() => import('./pages/ProcedurePage').then((m) => ({ default: m.ProcedurePage })));
// News and the verification page, for residents who come for them.
const FeedPage = lazy(() => import('./pages/FeedPage').then((m) => ({ default: m.FeedPage })));
const PostPage = lazy(() => import('./pages/PostPage').then((m) => ({ default: m.PostPage })));
// The tip form and follow-up, for residents who report something.
const TipPage = lazy(() => import('./pages/TipPage').then((m) => ({ default: m.TipPage })));
const TipFollowUpPage = lazy(() => import('./pages/TipFollowUpPage').then((m) => ({ default: m.TipFollowUpPage })));
const VerifyPage = lazy(() => import('./pages/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const GroupBoardPage = lazy(() => import('./pages/GroupBoardPage').then((m) => ({ default: m.GroupBoardPage })));
const InvitePage = lazy(() => import('./pages/InvitePage').then((m) => ({ default: m.InvitePage })));
const ResetPage = lazy(() => import('./pages/ResetPage').then((m) => ({ default: m.ResetPage })));
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));

// No asterisk in labels: the accessible name stays exactly the label text.
const plainLabel = { defaultProps: { withAsterisk: false } };
const theme = createTheme({
  primaryColor: 'red',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    TextInput: TextInput.extend(plainLabel),
    PasswordInput: PasswordInput.extend(plainLabel),
    Textarea: Textarea.extend(plainLabel),
    NativeSelect: NativeSelect.extend(plainLabel),
  },
});
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: false } },
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/u/:slug" element={<UnitPage />} />
              <Route path="/thu-tuc" element={<ProceduresPage />} />
              <Route path="/thu-tuc/:id" element={<ProcedurePage />} />
              <Route path="/tin-tuc" element={<FeedPage />} />
              <Route path="/tin-tuc/:postId" element={<PostPage />} />
              <Route path="/xac-minh" element={<VerifyPage />} />
              <Route path="/to-dan-pho/:groupId" element={<GroupBoardPage />} />
              <Route path="/bao-tin" element={<TipPage />} />
              <Route path="/bao-tin/theo-doi" element={<TipFollowUpPage />} />
              <Route path="/console/login" element={<LoginPage />} />
              <Route path="/console/invite/:token" element={<InvitePage />} />
              <Route path="/console/reset/:token" element={<ResetPage />} />
              <Route path="/console" element={<ConsoleLayout />}>
                <Route index element={<ConsoleHome />} />
                <Route path="units/:unitId" element={<UnitConsole />}>
                  <Route index element={<ProfileTab />} />
                  <Route path="inbox/:conversationId?" element={<InboxTab />} />
                  <Route path="tips/:tipId?" element={<TipsTab />} />
                  <Route path="posts/:postId?" element={<PostsTab />} />
                  <Route path="groups" element={<GroupsTab />} />
                  <Route path="reach" element={<ReachTab />} />
                  <Route path="officers" element={<OfficersTab />} />
                  <Route path="procedures" element={<ProceduresTab />} />
                  <Route path="questions" element={<QuestionsTab />} />
                  <Route path="audit" element={<AuditTab />} />
                  <Route path="zalo" element={<ZaloTab />} />
                </Route>
                <Route path="units/:unitId/moi-tham-gia" element={<InvitationKitPage />} />
                <Route path="kb/:id" element={<KbEditPage />} />
                <Route path="*" element={<ConsoleHome />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
