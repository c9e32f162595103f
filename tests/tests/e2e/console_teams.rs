//! Teams in the console, in headless Chromium: creating a team and managing its members,
//! inviting someone who signs up through the link and then works on the team's app within
//! their role, a viewer who sees the team's app without the buttons that change it, the team
//! switcher on the lists, registering into a team and moving an app into a team and back.
//! Setup that is not about the browser (accounts, teams, apps) goes through the console API.

use clientele_tests::apis::api_draft;
use clientele_tests::browser::Browser;
use clientele_tests::console_api::{app_draft, ConsoleUser, PASSWORD};
use clientele_tests::console_ui::{
    browser_at, fill_valid_app_form, id, signed_in_browser, signed_in_browser_at,
};
use clientele_tests::smtp_sink::SmtpSink;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Shows};
use clientele_tests::teams::{link_of, link_path};
use clientele_tests::{spawn_app, TestApp};
use serde_json::Value;

/// A fresh server where `founder` (signed up first, then `others`) made the team `name`: the
/// server, the founder, the team's slug.
async fn team_with(founder: &str, others: &[&str], name: &str) -> (TestApp, ConsoleUser, String) {
    let app = spawn_app().await;
    let person = app.sign_up(founder).await;
    for other in others {
        app.sign_up(other).await;
    }
    let slug = person.team_slug(name).await;
    (app, person, slug)
}

/// A team `team` of `owner@example.com` alone with its app `app_name`, and the team's page open
/// in the owner's browser: the server, the owner, the slug, the app's client id, the browser.
async fn team_app_page(
    team: &str,
    app_name: &str,
) -> (TestApp, ConsoleUser, String, String, Browser) {
    let (app, owner, slug) = team_with("owner@example.com", &[], team).await;
    let client_id = owner.register_team_app(&slug, app_name).await;
    let browser = signed_in_browser_at(&app, "owner@example.com", &format!("/teams/{slug}")).await;
    (app, owner, slug, client_id, browser)
}

/// Chooses the option `value` of the select `select` (a test id), as a click on it does.
async fn choose(browser: &Browser, select: &str, value: &str) {
    browser
        .click(&format!(r#"{} option[value="{value}"]"#, id(select)))
        .await;
}

/// Moves the app or API (`what`) whose page is open into the team `slug`, as its owner does:
/// the team, "Move to team…", the question, the confirmation, and the notice that says so.
async fn move_to_team_through_the_page(browser: &Browser, what: &str, slug: &str) {
    let key = format!("move-{}", what.to_lowercase());
    choose(browser, &format!("{key}-team"), slug).await;
    browser.click(&id("move-to-team")).await;
    browser
        .wait_for_text(&id(&key), &format!("Move this {what} to team {slug}?"))
        .await;
    browser.click(&id(&format!("{key}-confirm"))).await;
    browser
        .wait_for_text(
            &id(&format!("{key}-notice")),
            &format!("The {what} now belongs to team {slug}."),
        )
        .await;
}

/// Moves it back to the person whose page it is.
async fn move_to_me_through_the_page(browser: &Browser, what: &str) {
    let key = format!("move-{}", what.to_lowercase());
    browser.click(&id("move-to-me")).await;
    browser.click(&id(&format!("{key}-confirm"))).await;
    browser
        .wait_for_text(
            &id(&format!("{key}-notice")),
            &format!("The {what} now belongs to you."),
        )
        .await;
}

/// Accepts the invitation whose page is open, as the invitee does: the team's page `slug`
/// opens and shows their `role`.
async fn accept_through_the_page(browser: &Browser, slug: &str, role: &str) {
    browser
        .steps(&[
            Click("accept-invitation"),
            AtPath(&format!("/teams/{slug}")),
            Shows("my-role", role),
        ])
        .await;
}

/// Only answers the server refused on purpose (`refused`, a part of their URL) may have been
/// logged: Chromium logs every 4xx answer to `fetch`.
async fn finish_with_refusals(browser: Browser, refused: &str) {
    browser
        .finish_with_refusals(refused, "the server responded with a status of 4")
        .await;
}

#[tokio::test]
async fn a_person_creates_a_team_in_the_browser_and_changes_a_members_role() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    app.sign_up("colleague@example.com").await;
    // Someone else's team already has the slug `acme`.
    let stranger = app.sign_up("stranger@example.com").await;
    assert_eq!(stranger.team_slug("Acme").await, "acme");

    let browser = signed_in_browser(&app, "owner@example.com").await;
    browser
        .steps(&[
            Click("nav-teams"),
            AtPath("/teams"),
            Shows("no-teams", "not in any team yet"),
        ])
        .await;
    // The shared rule speaks first, then the server's own answer shows under its field.
    browser
        .steps(&[
            Click("create-team-submit"),
            Shows("error-name", "Enter a name for the team."),
            Fill("input-name", "Acme"),
            Fill("input-slug", "acme"),
            Click("create-team-submit"),
            Shows("error-slug", "Another team already has this slug."),
            Fill("input-slug", "acme-labs"),
            Click("create-team-submit"),
        ])
        .await;

    browser.wait_for_path("/teams/acme-labs").await;
    assert_eq!(browser.text(&id("team-name")).await, "Acme");
    browser.shows("my-role", "Owner").await;
    let members = browser.shows("member-list", "owner@example.com").await;
    assert!(members.contains("Owner"), "{members}");

    owner
        .add_to_team("acme-labs", "colleague@example.com", "viewer")
        .await;
    browser.goto(&app.url("/teams/acme-labs")).await;
    let colleague = r#"[data-testid="member-row"]:nth-child(2)"#;
    browser
        .wait_for_text(colleague, "colleague@example.com")
        .await;
    browser.wait_for_text(colleague, "Viewer").await;
    browser
        .click(&format!(
            r#"{colleague} [data-testid="member-role-select"] option[value="developer"]"#
        ))
        .await;
    browser
        .wait_for_text(&format!("{colleague} {}", id("member-role")), "Developer")
        .await;
    browser
        .shows(
            "team-audit",
            "owner@example.com changed the role of colleague@example.com from viewer to developer.",
        )
        .await;
    assert_eq!(
        app.team_rows("acme-labs").await,
        vec![
            ("colleague@example.com".to_owned(), "developer".to_owned()),
            ("owner@example.com".to_owned(), "owner".to_owned()),
        ]
    );

    browser.click(&id("nav-teams")).await;
    let row = browser.shows("team-list", "Acme").await;
    assert!(row.contains("Owner"), "{row}");
    finish_with_refusals(browser, "/api/v1/teams").await;
}

#[tokio::test]
async fn an_invited_developer_signs_up_through_the_link_accepts_and_edits_the_team_app() {
    let (app, owner, slug, client_id, browser) = team_app_page("Acme Labs", "Team App").await;
    browser
        .fill(&id("input-email"), "newcomer@example.com")
        .await;
    choose(&browser, "input-role", "developer").await;
    browser.click(&id("invite-submit")).await;
    let panel = browser
        .shows("invitation-link-panel", "shown only this once")
        .await;
    assert!(panel.contains("newcomer@example.com"), "{panel}");
    browser.find(&id("copy-invitation-link")).await;
    let link = browser.text(&id("invitation-link")).await;
    let path = &link_path(&link);
    browser
        .steps(&[
            Shows("invitation-list", "newcomer@example.com"),
            Shows(
                "team-audit",
                "owner@example.com invited newcomer@example.com as developer.",
            ),
        ])
        .await;
    browser.finish().await;

    // The invitee, in a browser of their own, has no account yet.
    let browser = browser_at(&app, path).await;
    browser.steps(&[
        Shows(
            "invitation-summary",
            "owner@example.com invited newcomer@example.com to the team Acme Labs as developer.",
        ),
        Click("invitation-sign-up"),
        Found("sign-up-form"),
    ]).await;
    assert_eq!(
        browser.value(&id("input-email")).await,
        "newcomer@example.com"
    );
    browser
        .steps(&[
            Fill("input-display_name", "Newcomer"),
            Fill("input-password", PASSWORD),
            Click("sign-up-submit"),
            AtPath(path),
            Found("accept-invitation"),
        ])
        .await;
    assert_eq!(
        browser.count(&id("switch-account")).await,
        0,
        "the right account"
    );
    accept_through_the_page(&browser, &slug, "Developer").await;
    browser.shows("member-list", "newcomer@example.com").await;
    // A developer sees the members as they are, without the managers' controls.
    assert_eq!(browser.count(&id("member-role-select")).await, 0);
    assert_eq!(browser.count(&id("remove-member")).await, 0);
    assert_eq!(browser.count(&id("invite-form")).await, 0);
    assert_eq!(browser.count(&id("delete-team")).await, 0);

    // The team's app, which a developer may change.
    browser
        .steps(&[
            Click("team-apps"),
            AtPath(&format!("/apps?team={slug}")),
            Shows("app-list", "Team App"),
            Click("app-link"),
            AtPath(&format!("/apps/{client_id}")),
            Shows("app-owner", &format!("team {slug}")),
            Click("edit-app"),
            Fill("input-name", "Team App Renamed"),
            Click("submit-app"),
            AtPath(&format!("/apps/{client_id}?saved=1")),
            Shows("app-name", "Team App Renamed"),
        ])
        .await;
    let stored: Value = owner.get_json(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(stored["name"], "Team App Renamed");
    browser.finish().await;
}

#[tokio::test]
async fn a_viewer_sees_the_team_app_without_the_buttons_that_change_it() {
    let (app, owner, slug) = team_with("owner@example.com", &["viewer@example.com"], "Acme").await;
    owner
        .add_to_team(&slug, "viewer@example.com", "viewer")
        .await;
    let client_id = owner.register_team_app(&slug, "Watched App").await;

    let browser = signed_in_browser(&app, "viewer@example.com").await;
    // "Mine" has nothing; the team's list has the app.
    choose(&browser, "team-switcher", "mine").await;
    browser
        .steps(&[AtPath("/apps?owner=me"), Found("empty-state")])
        .await;
    choose(&browser, "team-switcher", &format!("team:{slug}")).await;
    browser
        .steps(&[
            AtPath(&format!("/apps?team={slug}")),
            Shows("app-list", "Watched App"),
            Click("app-link"),
        ])
        .await;

    browser
        .steps(&[
            Shows("app-owner", &format!("Owner: team {slug}")),
            Shows("read-only", "viewer of its team"),
        ])
        .await;
    for button in ["edit-app", "delete-app", "move-to-team", "move-to-me"] {
        assert_eq!(browser.count(&id(button)).await, 0, "{button} is shown");
    }
    browser
        .steps(&[
            Click("open-secrets"),
            AtPath(&format!("/apps/{client_id}/secrets")),
            Found("secret-row"),
        ])
        .await;
    for button in ["generate-secret", "revoke-secret", "reset-app"] {
        assert_eq!(browser.count(&id(button)).await, 0, "{button} is shown");
    }
    browser.find(&id("audit-log")).await;
    browser.finish().await;
}

#[tokio::test]
async fn an_app_registered_for_a_team_and_one_moved_into_it_name_the_team() {
    let (app, developer, slug) = team_with("developer@example.com", &[], "Movers").await;
    let client_id = developer
        .client_app(&app_draft("Moving App"))
        .await
        .client_id;

    let browser =
        signed_in_browser_at(&app, "developer@example.com", &format!("/apps/{client_id}")).await;
    browser
        .shows("app-owner", "Owner: developer@example.com")
        .await;
    move_to_team_through_the_page(&browser, "app", &slug).await;
    browser.shows("app-owner", "Owner: team movers").await;
    let team_link = browser.find(&id("app-owner-team")).await;
    assert_eq!(
        team_link.attr("href").await.unwrap().as_deref(),
        Some("/teams/movers")
    );
    assert_eq!(
        owner_team(&developer, &client_id).await,
        Value::from("movers")
    );

    // And back to the person, from the same page.
    move_to_me_through_the_page(&browser, "app").await;
    assert_eq!(owner_team(&developer, &client_id).await, Value::Null);

    // Registering: the owner is chosen on the form.
    browser.goto(&app.url("/apps/new")).await;
    fill_valid_app_form(
        &browser,
        "Registered For The Team",
        "https://example.com/callback",
    )
    .await;
    choose(&browser, "input-team", &slug).await;
    browser
        .steps(&[
            Click("submit-app"),
            Shows("created-app", "Registered For The Team"),
        ])
        .await;
    let listed: Value = developer
        .get_json(&format!("/api/v1/apps?team={slug}"))
        .await;
    assert_eq!(listed["items"][0]["name"], "Registered For The Team");
    browser.finish().await;
}

async fn owner_team(person: &ConsoleUser, client_id: &str) -> Value {
    let detail: Value = person.get_json(&format!("/api/v1/apps/{client_id}")).await;
    detail["team"].clone()
}

#[tokio::test]
async fn an_invitation_opened_in_another_account_says_so_switches_and_then_cannot_be_used_again() {
    let (app, owner, slug) = team_with(
        "owner@example.com",
        &["invitee@example.com", "other@example.com"],
        "Acme",
    )
    .await;
    let created = owner.invite(&slug, "invitee@example.com", "viewer").await;
    let path = link_path(link_of(&created));

    let browser = signed_in_browser_at(&app, "other@example.com", &path).await;
    browser
        .steps(&[
            Shows("other-account", "signed in as other@example.com"),
            Click("accept-invitation"),
        ])
        .await;
    browser
        .wait_for_text(
            "[role=alert]",
            "This invitation is for another email address. Sign in with the account it was sent to.",
        )
        .await;
    assert!(app.team_rows(&slug).await.len() == 1, "nobody joined");

    browser
        .steps(&[Click("switch-account"), Found("sign-in-form")])
        .await;
    assert_eq!(
        browser.value(&id("input-email")).await,
        "invitee@example.com"
    );
    browser
        .steps(&[
            Fill("input-password", PASSWORD),
            Click("sign-in-submit"),
            AtPath(&path),
        ])
        .await;
    accept_through_the_page(&browser, &slug, "Viewer").await;

    // The link was used: it says so in the server's words.
    browser.goto(&app.url(&path)).await;
    browser
        .wait_for_text("[role=alert]", "This invitation is not valid any more")
        .await;
    finish_with_refusals(browser, "/api/v1/invitations/").await;
}

#[tokio::test]
async fn an_owner_deletes_a_team_only_once_it_owns_nothing_and_the_server_says_why() {
    let (_app, owner, slug, client_id, browser) = team_app_page("Short Lived", "Last App").await;
    browser
        .steps(&[
            Click("delete-team"),
            Click("delete-team-confirm"),
            Shows(
                "delete-team",
                "This team still owns apps or APIs. Delete them or move them out first.",
            ),
        ])
        .await;

    let deleted = owner.delete(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(deleted.status(), 204);
    browser
        .steps(&[
            Click("delete-team-confirm"),
            AtPath("/teams?deleted=1"),
            Shows("notice", "The team was deleted."),
            Found("no-teams"),
        ])
        .await;
    finish_with_refusals(browser, &format!("/api/v1/teams/{slug}")).await;
}

#[tokio::test]
async fn a_mailed_invitation_says_so_once_and_revoking_it_empties_the_pending_list() {
    let sink = SmtpSink::start().await;
    let (app, _owner, slug) = sink.team_mailing_here("Mailroom").await;

    let browser = signed_in_browser_at(&app, "owner@example.com", &format!("/teams/{slug}")).await;
    browser
        .steps(&[
            Shows("no-invitations", "No invitations are waiting."),
            Fill("input-email", "newcomer@example.com"),
        ])
        .await;
    choose(&browser, "input-role", "admin").await;
    browser
        .steps(&[
            Click("invite-submit"),
            Shows("invitation-link-panel", "It was also mailed to them."),
        ])
        .await;
    assert_eq!(sink.received()[0].to, ["newcomer@example.com"]);
    let pending = browser
        .shows("invitation-list", "newcomer@example.com")
        .await;
    assert!(pending.contains("Admin"), "{pending}");

    browser
        .steps(&[
            Click("revoke-invitation"),
            Shows(
                "revoke-invitation-confirmation",
                "Revoke the invitation for newcomer@example.com?",
            ),
            Click("revoke-invitation-confirmation-confirm"),
            Found("no-invitations"),
            Shows(
                "team-audit",
                "owner@example.com revoked the invitation for newcomer@example.com.",
            ),
        ])
        .await;
    // The link, shown once, is gone with the next invitation's page load.
    browser.goto(&app.url(&format!("/teams/{slug}"))).await;
    browser.find(&id("invite-form")).await;
    assert_eq!(browser.count(&id("invitation-link")).await, 0);
    browser.finish().await;
}

#[tokio::test]
async fn an_admin_is_offered_only_what_admins_may_do_below_the_owners() {
    let (app, owner, slug) = team_with(
        "owner@example.com",
        &["admin@example.com", "viewer@example.com"],
        "Ranks",
    )
    .await;
    owner.add_to_team(&slug, "admin@example.com", "admin").await;
    owner
        .add_to_team(&slug, "viewer@example.com", "viewer")
        .await;
    owner.invite(&slug, "boss@example.com", "owner").await;
    owner.invite(&slug, "helper@example.com", "viewer").await;

    let browser = signed_in_browser_at(&app, "admin@example.com", &format!("/teams/{slug}")).await;
    browser
        .steps(&[
            Shows("my-role", "Admin"),
            Shows("invitation-list", "boss@example.com"),
        ])
        .await;
    // The owner's row has no controls; the admin's and the viewer's have.
    let owner_row = r#"[data-testid="member-row"]:nth-child(1)"#;
    browser.wait_for_text(owner_row, "owner@example.com").await;
    assert_eq!(
        browser
            .count(&format!("{owner_row} {}", id("member-role-select")))
            .await,
        0
    );
    assert_eq!(browser.count(&id("member-role-select")).await, 2);
    assert_eq!(browser.count(&id("remove-member")).await, 2);
    // Nobody is made an owner, and an owner's invitation is not revoked, by an admin.
    assert_eq!(
        browser
            .count(&format!(r#"{} option[value="owner"]"#, id("input-role")))
            .await,
        0
    );
    assert_eq!(
        browser
            .count(&format!(
                r#"{} option[value="owner"]"#,
                id("member-role-select")
            ))
            .await,
        0
    );
    assert_eq!(browser.count(&id("revoke-invitation")).await, 1);
    assert_eq!(browser.count(&id("delete-team")).await, 0);
    browser.finish().await;
}

#[tokio::test]
async fn an_api_moves_into_a_team_and_back_from_its_page_and_the_team_log_says_so() {
    let (app, developer, slug) = team_with("developer@example.com", &[], "Api Movers").await;
    let api_id = developer
        .api_id(&api_draft(
            "Weather",
            "https://weather.example.com",
            &["forecasts"],
        ))
        .await;
    let team_of_api = |body: Value| body["team"].clone();

    let browser =
        signed_in_browser_at(&app, "developer@example.com", &format!("/apis/{api_id}")).await;
    browser.shows("api-owner", "Owner: You").await;
    move_to_team_through_the_page(&browser, "API", &slug).await;
    browser.shows("api-owner", "Owner: team api-movers").await;
    let seen: Value = developer.get_json(&format!("/api/v1/apis/{api_id}")).await;
    assert_eq!(team_of_api(seen), Value::from("api-movers"));
    let log: Value = developer
        .get_json(&format!("/api/v1/teams/{slug}/audit"))
        .await;
    assert!(
        log.as_array().unwrap().iter().any(|entry| {
            entry["event"]["kind"] == "api_transferred"
                && entry["event"]["api_id"] == api_id.as_str()
                && entry["event"]["into_team"] == true
                && entry["actor"] == "developer@example.com"
        }),
        "the team log does not record the move: {log:#}"
    );

    // And back to the person.
    move_to_me_through_the_page(&browser, "API").await;
    browser.shows("api-owner", "Owner: You").await;
    let seen: Value = developer.get_json(&format!("/api/v1/apis/{api_id}")).await;
    assert_eq!(team_of_api(seen), Value::Null);
    browser.finish().await;
}
