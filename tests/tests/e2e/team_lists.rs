//! The app lists of a team's members: what one's teams own, newest first across pages, each
//! narrowed to one's own or one team's; a removed member loses the team's apps with the next
//! request; and a list of more than 10,000 apps says so instead of counting them all.

use serde_json::{json, Value};

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::app_draft;
use clientele_tests::spawn_app;

use crate::team_permissions::team_app;
use crate::teams_api::{Cast, Who};

#[tokio::test]
async fn lists_show_the_teams_apps_and_a_removed_member_loses_them_at_once() {
    let (_app, cast, slug) = Cast::spawn_with_team("Acme").await;
    let mine = cast
        .viewer
        .client_app(&app_draft("Viewer Own App"))
        .await
        .client_id;
    let mut team_ids = Vec::new();
    for n in 0..5 {
        team_ids.push(team_app(&cast.owner, &slug, &format!("Team App {n}")).await);
    }
    cast.outsider.register_app(&app_draft("Elsewhere")).await;

    // Keyset pages of two, newest first: the team's five and the viewer's own one.
    let mut seen = Vec::new();
    let mut order = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/api/v1/apps?limit=2&cursor={cursor}"),
            None => "/api/v1/apps?limit=2".to_owned(),
        };
        let page: Value = cast.viewer.get_json(&path).await;
        assert_eq!(page["total"], 6);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["client_id"].as_str().unwrap().to_owned());
            order.push((
                item["created_at"].as_i64().unwrap(),
                item["client_id"].as_str().unwrap().to_owned(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    // The person's own apps and the team's are one list, newest first across pages.
    assert!(
        order.windows(2).all(|pair| pair[0] > pair[1]),
        "not newest first: {order:?}"
    );
    let mut expected = team_ids.clone();
    expected.push(mine.clone());
    expected.sort();
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "each app once, across pages");

    let only_team: Value = cast
        .viewer
        .get_json(&format!("/api/v1/apps?team={slug}"))
        .await;
    assert_eq!(only_team["total"], 5);
    assert!(only_team["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["team"] == slug.as_str()));
    let other: Value = cast
        .outsider
        .get_json(&format!("/api/v1/apps?team={slug}"))
        .await;
    assert_eq!(other["error"], "not_found", "{other}");

    let removed = cast
        .owner
        .delete(&format!("/api/v1/teams/{slug}/members/viewer@example.com"))
        .await;
    assert_eq!(removed.status(), 204);
    let page: Value = cast.viewer.get_json("/api/v1/apps").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["client_id"], mine.as_str());
    let gone = cast
        .viewer
        .get(&format!("/api/v1/apps/{}", team_ids[0]))
        .await;
    assert_eq!(gone.status(), 404);
}

#[tokio::test]
async fn lists_narrow_to_ones_own_or_one_teams_and_an_app_says_whether_its_reader_may_change_it() {
    let (_app, cast, slug) = Cast::spawn_with_team("Acme").await;
    let in_team = team_app(&cast.owner, &slug, "Team App").await;
    let own = cast
        .developer
        .client_app(&app_draft("Own App"))
        .await
        .client_id;
    // The names listed, sorted: apps made in the same second are ordered by client id.
    let names = |page: &Value| -> Vec<String> {
        let items = page.get("items").unwrap_or(page);
        let mut names: Vec<String> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    let lists = [
        ("/api/v1/apps", vec!["Own App", "Team App"]),
        ("/api/v1/apps?owner=me", vec!["Own App"]),
        (&*format!("/api/v1/apps?team={slug}"), vec!["Team App"]),
    ];
    for (path, expected) in lists {
        let page: Value = cast.developer.get_json(path).await;
        assert_eq!(names(&page), expected, "{path}");
        assert_eq!(page["total"], expected.len(), "{path}");
    }

    let mut team_api = api_draft("Team Notes", "https://notes.acme.example", &["notes"]);
    team_api["team"] = json!(slug);
    cast.developer.register_api(&team_api).await;
    let own_api = api_draft("Own Drive", "https://drive.dev.example", &["drive"]);
    cast.developer.register_api(&own_api).await;
    let built_in: Value = cast.developer.get_json("/api/v1/apis").await;
    let built_in = built_in[0]["name"].as_str().unwrap().to_owned();
    let lists = [
        (
            "/api/v1/apis",
            vec![built_in.as_str(), "Team Notes", "Own Drive"],
        ),
        ("/api/v1/apis?owner=me", vec!["Own Drive"]),
        (&*format!("/api/v1/apis?team={slug}"), vec!["Team Notes"]),
    ];
    for (path, expected) in lists {
        let mut expected: Vec<String> = expected.iter().map(|n| n.to_string()).collect();
        expected.sort();
        assert_eq!(
            names(&cast.developer.get_json(path).await),
            expected,
            "{path}"
        );
    }
    let outside = cast
        .outsider
        .get(&format!("/api/v1/apis?team={slug}"))
        .await;
    assert_eq!(outside.status(), 404);
    assert_eq!(
        cast.developer.get("/api/v1/apis?owner=all").await.status(),
        400
    );

    for (who, may_change) in [
        (Who::Owner, true),
        (Who::Admin, true),
        (Who::Developer, true),
        (Who::Viewer, false),
    ] {
        let detail: Value = cast
            .person(who)
            .get_json(&format!("/api/v1/apps/{in_team}"))
            .await;
        assert_eq!(detail["may_change"], may_change, "{who:?}");
    }
    let detail: Value = cast
        .developer
        .get_json(&format!("/api/v1/apps/{own}"))
        .await;
    assert_eq!(detail["may_change"], true);
}

#[tokio::test]
async fn a_list_of_more_than_ten_thousand_apps_says_so_instead_of_counting_them_all() {
    let app = spawn_app().await;
    let developer = app.sign_up("many@example.com").await;
    let template = developer
        .client_app(&app_draft("Template App"))
        .await
        .client_id;
    // 10,000 copies of the app straight into the database, older than the template, so with
    // the template the developer has 10,001.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
         INSERT INTO apps (client_id, owner_id, name, website, description, client_type, \
           redirect_uris, allowed_origins, scopes, grant_types, privacy_policy_url, terms_url, \
           token_format, id_token_alg, icon_version, disabled, created_at, updated_at, team_id) \
         SELECT 'bulk_' || CAST(n.i AS TEXT), t.owner_id, 'Bulk app', t.website, t.description, \
           t.client_type, t.redirect_uris, t.allowed_origins, t.scopes, t.grant_types, \
           t.privacy_policy_url, t.terms_url, t.token_format, t.id_token_alg, t.icon_version, \
           t.disabled, t.created_at - n.i, t.updated_at, t.team_id \
         FROM n, apps t WHERE t.client_id = $1",
    )
    .bind(&template)
    .execute(app.state.store.pool())
    .await
    .unwrap();

    let page: Value = developer.get_json("/api/v1/apps?limit=20").await;
    assert_eq!(page["total"], 10_000);
    assert_eq!(page["more_than_total"], true);
    assert_eq!(page["items"][0]["client_id"], template.as_str());
    assert_eq!(page["items"].as_array().unwrap().len(), 20);

    // One fewer is counted exactly.
    sqlx::query("DELETE FROM apps WHERE client_id = 'bulk_10000'")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let page: Value = developer.get_json("/api/v1/apps?limit=20").await;
    assert_eq!(page["total"], 10_000);
    assert_eq!(page["more_than_total"], false);
}
