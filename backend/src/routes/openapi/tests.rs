use std::collections::BTreeSet;

use super::*;

/// `(path, method, operation)` for every operation of the document.
fn operations(document: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            found.push((path.clone(), method.clone(), operation.clone()));
        }
    }
    found
}

/// Calls `visit` on every value inside `value`.
fn walk(value: &Value, visit: &mut impl FnMut(&Value)) {
    visit(value);
    match value {
        Value::Array(items) => items.iter().for_each(|item| walk(item, visit)),
        Value::Object(map) => map.values().for_each(|item| walk(item, visit)),
        _ => {}
    }
}

#[test]
fn the_document_is_openapi_3_1_and_every_reference_resolves() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    let mut references = Vec::new();
    walk(&document, &mut |value| {
        if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
            references.push(reference.to_owned());
        }
    });
    assert!(references.len() > 50, "{references:?}");
    for reference in references {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(
            document.pointer(pointer).is_some(),
            "{reference} resolves to nothing"
        );
    }
}

#[test]
fn every_operation_has_a_unique_id_a_tag_a_success_and_its_path_parameters() {
    let document = document();
    let mut ids = BTreeSet::new();
    for (path, method, operation) in operations(&document) {
        let what = format!("{method} {path}");
        assert!(path.starts_with("/api/v1/"), "{what}");
        let id = operation["operationId"].as_str().expect("an operationId");
        assert!(ids.insert(id.to_owned()), "{what}: operationId {id} twice");
        assert!(operation["tags"][0].is_string(), "{what}: no tag");
        let responses = operation["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|status| status.starts_with('2')),
            "{what}: no success"
        );
        let templated: BTreeSet<&str> = path
            .split('/')
            .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let declared: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|parameter| parameter["in"] == "path")
            .inspect(|parameter| assert_eq!(parameter["required"], true, "{what}"))
            .filter_map(|parameter| parameter["name"].as_str())
            .collect();
        assert_eq!(templated, declared, "{what}");
    }
}

#[test]
fn changes_ask_for_the_session_and_csrf_header_and_document_the_refusals() {
    let document = document();
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], SESSION_COOKIE);
    assert_eq!(schemes["csrf"]["in"], "header");
    assert_eq!(schemes["csrf"]["name"], CSRF_HEADER);
    for (path, method, operation) in operations(&document) {
        let what = format!("{method} {path}");
        let responses = &operation["responses"];
        let signed_in = operation["security"]
            .as_array()
            .is_some_and(|all| all.iter().all(|one| one.get("session").is_some()));
        if signed_in {
            assert!(responses.get("401").is_some(), "{what}");
        }
        if method != "get" {
            assert!(responses.get("403").is_some(), "{what}");
            if signed_in {
                assert_eq!(
                    operation["security"],
                    json!([{ "session": [], "csrf": [] }]),
                    "{what}"
                );
            }
        }
        if operation.get("requestBody").is_some() {
            for status in ["400", "413", "422"] {
                assert!(responses.get(status).is_some(), "{what}: {status}");
            }
        }
        if path.contains('{') {
            assert!(responses.get("404").is_some(), "{what}");
        }
    }
}

/// `(name, source)` of each named module of `routes/`.
macro_rules! sources {
    ($($module:ident),+) => {
        [$((stringify!($module), include_str!(concat!("../", stringify!($module), ".rs")))),+]
    };
}

/// The console's route modules (`console_routes`), each with its source.
const CONSOLE_MODULES: [(&str, &str); 16] = sources!(
    server_info,
    accounts,
    account,
    two_factor,
    session,
    passkeys,
    apps,
    apis,
    registrations,
    audit_export,
    client_documents,
    secrets,
    connections,
    teams,
    invitations,
    openapi
);

/// A route added with axum's `route` (not `routes!`) would be served but not documented; a
/// documented handler left out of `routes!` would be documented but not served. Neither may be.
#[test]
fn every_console_route_is_registered_with_its_documentation() {
    let mod_rs = include_str!("../mod.rs");
    let console_routes = mod_rs
        .split("pub fn console_routes")
        .nth(1)
        .and_then(|rest| rest.split("\n}\n").next())
        .expect("console_routes in routes/mod.rs");
    let merged: BTreeSet<&str> = console_routes
        .split(".merge(")
        .skip(1)
        .filter_map(|call| call.split("::router()").next())
        .collect();
    let listed: BTreeSet<&str> = CONSOLE_MODULES.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        merged, listed,
        "CONSOLE_MODULES lists console_routes' modules"
    );
    let mut annotated = 0;
    for (name, source) in CONSOLE_MODULES {
        for undocumented in [".route(", ".route_service(", ".nest(", ".nest_service("] {
            assert!(
                !source.contains(undocumented),
                "routes/{name}.rs adds a route with `{undocumented}`: use `routes!` with a `#[utoipa::path]`"
            );
        }
        annotated += source.matches("#[utoipa::path(").count();
    }
    assert_eq!(operations(&document()).len(), annotated);
}

#[test]
fn icons_are_bytes_and_errors_are_api_errors() {
    let document = document();
    let icon = &document["paths"]["/api/v1/apps/{client_id}/icon"]["get"]["responses"];
    assert_eq!(icon["200"]["content"], json!({ "image/png": {} }));
    assert_eq!(
        icon["404"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ApiError"
    );
}
