//! One schema, checked (issue 16): the SQLite and PostgreSQL migrations must declare the same
//! tables and columns, and `db copy` (`copy.rs`) must copy every one of them, parents before
//! children. The migrations are read as sqlx embeds them (what the server applies) and parsed
//! just enough for that: `CREATE TABLE`, `ALTER TABLE … ADD/DROP COLUMN` and `DROP TABLE`; any
//! other schema statement fails the check, so the parser is taught it rather than skipping it.
//! The last tests apply the migrations and compare the parse with what SQLite reports, and with
//! what PostgreSQL reports where a server is available (`scripts/with-postgres.sh`).

use std::collections::BTreeMap;

use super::connect::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use super::copy::{Kind, TABLES};

/// Columns by table, each with its kind.
type Columns = BTreeMap<String, BTreeMap<String, Kind>>;

#[derive(Debug, Default)]
struct Schema {
    columns: Columns,
    /// The tables each table's foreign keys point at.
    parents: BTreeMap<String, Vec<String>>,
}

fn schema_of(migrator: &sqlx::migrate::Migrator) -> Schema {
    let mut schema = Schema::default();
    for migration in migrator.iter() {
        let without_comments: String = migration
            .sql
            .lines()
            .map(|line| line.split("--").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        for statement in without_comments.split(';') {
            apply(&mut schema, statement, &migration.description);
        }
    }
    schema
}

fn apply(schema: &mut Schema, statement: &str, migration: &str) {
    let words: Vec<String> = statement
        .split_whitespace()
        .map(|word| word.to_ascii_uppercase())
        .collect();
    let word = |i: usize| words.get(i).map(String::as_str).unwrap_or_default();
    let name = |i: usize| {
        statement
            .split_whitespace()
            .nth(i)
            .unwrap_or_default()
            .trim_matches(|c: char| c == '(' || c == '"')
            .to_ascii_lowercase()
    };
    match (word(0), word(1)) {
        ("", _) | ("DELETE" | "UPDATE" | "INSERT", _) => {}
        ("CREATE", "INDEX") | ("CREATE", "UNIQUE") if words.contains(&"INDEX".into()) => {}
        ("CREATE", "TABLE") => create_table(schema, statement),
        ("ALTER", "TABLE") => {
            let table = name(2);
            let columns = schema.columns.entry(table.clone()).or_default();
            match (word(3), word(4)) {
                ("ADD", "COLUMN") => {
                    columns.insert(name(5), kind_of(word(6)));
                    if let Some(parent) = referenced(statement) {
                        schema.parents.entry(table).or_default().push(parent);
                    }
                }
                ("DROP", "COLUMN") => {
                    columns.remove(&name(5));
                }
                _ => panic!("{migration}: teach schema_check.rs this statement: {statement}"),
            }
        }
        ("DROP", "TABLE") => {
            schema.columns.remove(&name(2));
            schema.parents.remove(&name(2));
        }
        _ => panic!("{migration}: teach schema_check.rs this statement: {statement}"),
    }
}

fn create_table(schema: &mut Schema, statement: &str) {
    let open = statement.find('(').expect("CREATE TABLE has a column list");
    let close = statement
        .rfind(')')
        .expect("CREATE TABLE has a column list");
    let head: Vec<&str> = statement[..open].split_whitespace().collect();
    let table = head
        .last()
        .expect("CREATE TABLE names a table")
        .to_ascii_lowercase();
    let mut columns = BTreeMap::new();
    let mut parents = Vec::new();
    for item in top_level_items(&statement[open + 1..close]) {
        let mut words = item.split_whitespace();
        let first = words.next().unwrap_or_default();
        if let Some(parent) = referenced(item) {
            parents.push(parent);
        }
        let constraint = ["PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"]
            .contains(&first.to_ascii_uppercase().as_str());
        if !first.is_empty() && !constraint {
            let kind = kind_of(&words.next().unwrap_or_default().to_ascii_uppercase());
            columns.insert(first.to_ascii_lowercase(), kind);
        }
    }
    schema.columns.insert(table.clone(), columns);
    schema.parents.insert(table, parents);
}

/// The items of a column list, split at commas outside parentheses.
fn top_level_items(body: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(body[start..].trim());
    items
}

/// The table a `REFERENCES table (...)` clause points at.
fn referenced(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words
        .iter()
        .position(|word| word.eq_ignore_ascii_case("REFERENCES"))?;
    words.get(at + 1).map(|table| {
        table
            .split('(')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    })
}

fn kind_of(sql_type: &str) -> Kind {
    match sql_type.trim_end_matches(',') {
        "TEXT" => Kind::Text,
        "BIGINT" | "INTEGER" => Kind::Int,
        "BLOB" | "BYTEA" => Kind::Blob,
        other => panic!("teach schema_check.rs (and copy.rs) the column type {other}"),
    }
}

fn copied() -> Columns {
    TABLES
        .iter()
        .map(|(table, columns)| {
            let columns = columns
                .iter()
                .map(|(name, kind)| ((*name).to_owned(), *kind))
                .collect();
            ((*table).to_owned(), columns)
        })
        .collect()
}

#[test]
fn sqlite_and_postgres_migrations_declare_the_same_tables_and_columns() {
    let sqlite = schema_of(&SQLITE_MIGRATIONS);
    let postgres = schema_of(&POSTGRES_MIGRATIONS);
    assert!(sqlite.columns.len() >= 11, "{:?}", sqlite.columns.keys());
    assert_eq!(sqlite.columns, postgres.columns);
    assert_eq!(sqlite.parents, postgres.parents);
}

#[test]
fn db_copy_copies_every_table_and_column_the_migrations_declare() {
    assert_eq!(copied(), schema_of(&SQLITE_MIGRATIONS).columns);
}

#[test]
fn db_copy_copies_parents_before_children() {
    let schema = schema_of(&SQLITE_MIGRATIONS);
    let order: Vec<&str> = TABLES.iter().map(|(table, _)| *table).collect();
    for (position, table) in order.iter().enumerate() {
        for parent in &schema.parents[*table] {
            let parent_at = order.iter().position(|t| t == parent);
            assert!(
                parent_at.is_some_and(|at| at < position),
                "`{table}` is copied before its parent `{parent}`"
            );
        }
    }
}

#[test]
fn the_parse_matches_what_sqlite_builds_from_the_same_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let connection = rusqlite::Connection::open(dir.path().join("schema.db")).unwrap();
    for migration in SQLITE_MIGRATIONS.iter() {
        connection.execute_batch(&migration.sql).unwrap();
    }
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut built = Columns::new();
    for table in tables {
        let columns = connection
            .prepare("SELECT name, type FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&table], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .unwrap()
            .map(|column| {
                let (name, sql_type) = column.unwrap();
                (name, kind_of(&sql_type.to_ascii_uppercase()))
            })
            .collect();
        built.insert(table, columns);
    }
    assert_eq!(built, schema_of(&SQLITE_MIGRATIONS).columns);
}

/// Where scripts/with-postgres.sh runs a server: the PostgreSQL migrations applied to a fresh
/// database must build what the parse says (elsewhere this test has nothing to check against).
#[tokio::test]
async fn the_parse_matches_what_postgresql_builds_when_a_server_is_available() {
    let Ok(admin_url) = std::env::var("CLIENTELE_TEST_POSTGRES_URL") else {
        eprintln!("no CLIENTELE_TEST_POSTGRES_URL: PostgreSQL not checked");
        return;
    };
    sqlx::any::install_default_drivers();
    let name = format!("schema_check_{}", std::process::id());
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap();
    let drop = format!("DROP DATABASE IF EXISTS {name}");
    sqlx::Executor::execute(&mut admin, drop.as_str())
        .await
        .unwrap();
    let create = format!("CREATE DATABASE {name}");
    sqlx::Executor::execute(&mut admin, create.as_str())
        .await
        .unwrap();
    let (server, _) = admin_url.rsplit_once('/').unwrap();
    let store = super::connect(&format!("{server}/{name}")).await.unwrap();
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let mut built = Columns::new();
    for (table, column, data_type) in rows {
        let kind = kind_of(&data_type.to_ascii_uppercase());
        built.entry(table).or_default().insert(column, kind);
    }
    store.pool().close().await;
    assert_eq!(built, schema_of(&POSTGRES_MIGRATIONS).columns);
    let drop = format!("DROP DATABASE {name}");
    sqlx::Executor::execute(&mut admin, drop.as_str())
        .await
        .unwrap();
}
