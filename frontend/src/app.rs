//! The console's shell: the session, the header and the routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::admin::require_admin::admins_only;
use crate::components::apps::route::AppRoute;
use crate::components::shell::header::Header;
use crate::components::shell::require_session::signed_in;
use crate::components::shell::setup_guard::SetupGuard;
use crate::components::ui::reauthenticate::ReauthenticateDialog;
use crate::pages::account::AccountPage;
use crate::pages::account_activity::ActivityPage;
use crate::pages::account_sessions::SessionsPage;
use crate::pages::admin::AdminPage;
use crate::pages::admin_built_in::AdminBuiltInPage;
use crate::pages::admin_client_documents::AdminClientDocumentsPage;
use crate::pages::admin_clients::AdminClientsPage;
use crate::pages::admin_tokens::AdminTokensPage;
use crate::pages::api_detail::ApiDetailPage;
use crate::pages::api_new::NewApiPage;
use crate::pages::apis_list::ApisPage;
use crate::pages::app_detail::AppDetailPage;
use crate::pages::app_edit::EditAppPage;
use crate::pages::app_new::NewAppPage;
use crate::pages::app_secrets::AppSecretsPage;
use crate::pages::apps_list::AppsPage;
use crate::pages::connections::ConnectionsPage;
use crate::pages::forgot_password::ForgotPasswordPage;
use crate::pages::home::HomePage;
use crate::pages::invitation::InvitationPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::password_reset::PasswordResetPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::sign_up::SignUpPage;
use crate::pages::team_detail::TeamPage;
use crate::pages::teams_list::TeamsPage;
use crate::session::provide_session;

const MAIN: &str = "main";

/// The first thing Tab reaches: past the header's links, straight to the page.
#[component]
fn SkipLink() -> impl IntoView {
    // Focused by hand: the router would treat `#main` as a navigation.
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        crate::dom::focus_soon(MAIN.to_owned());
    };
    view! {
        <a href="#main" class="skip-link" data-testid="skip-link" on:click=skip>"Skip to content"</a>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <SkipLink />
            <SetupGuard />
            <Header />
            <main class="page" id=MAIN tabindex="-1">
                // `signed_in` and `admins_only` guard the pages that need a session (or an
                // administrator's), here rather than in each page.
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route path=path!("/sign-up") view=SignUpPage />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/password-reset/:token") view=PasswordResetPage />
                    <Route path=path!("/account") view=signed_in(AccountPage) />
                    <Route path=path!("/account/sessions") view=signed_in(SessionsPage) />
                    <Route path=path!("/account/activity") view=signed_in(ActivityPage) />
                    <Route path=path!("/apps") view=signed_in(AppsPage) />
                    <Route path=path!("/apps/new") view=signed_in(NewAppPage) />
                    // One parent checks the session and loads the app for all of its pages.
                    <ParentRoute path=path!("/apps/:client_id") view=signed_in(AppRoute)>
                        <Route path=path!("") view=AppDetailPage />
                        <Route path=path!("edit") view=EditAppPage />
                        <Route path=path!("secrets") view=AppSecretsPage />
                    </ParentRoute>
                    <Route path=path!("/apis") view=signed_in(ApisPage) />
                    <Route path=path!("/apis/new") view=signed_in(NewApiPage) />
                    <Route path=path!("/apis/:id") view=signed_in(ApiDetailPage) />
                    <Route path=path!("/teams") view=signed_in(TeamsPage) />
                    <Route path=path!("/teams/:slug") view=signed_in(TeamPage) />
                    <Route path=path!("/invitations/:token") view=InvitationPage />
                    <Route path=path!("/connections") view=signed_in(ConnectionsPage) />
                    <Route path=path!("/admin") view=admins_only(AdminPage) />
                    <Route path=path!("/admin/initial-access-tokens") view=admins_only(AdminTokensPage) />
                    <Route path=path!("/admin/self-registered-clients") view=admins_only(AdminClientsPage) />
                    <Route path=path!("/admin/built-in-api") view=admins_only(AdminBuiltInPage) />
                    <Route path=path!("/admin/client-documents") view=admins_only(AdminClientDocumentsPage) />
                </Routes>
            </main>
            <ReauthenticateDialog />
        </Router>
    }
}
