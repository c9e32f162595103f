//! The console's app lists: one page, newest first, and how many apps match.
//!
//! A list is the union of *parts*, each one index range: a person's own apps (the partial index
//! `apps_by_personal_owner`), one team's (`apps_by_team`), or every app (`apps_by_created`).
//! "What I can see" is the person's part plus one part per team they belong to; a single `OR`
//! over those would make the planner walk every app in date order (a member of 20 teams of
//! 10,000 apps waited 0.8 s for a page). Instead each part gives its own newest `limit` rows
//! through its index, and the page is the newest `limit` of those; counting stops past
//! `COUNTED_AT_MOST`. Memberships are read in the
//! same request, so a removed member's next list no longer has the team's apps.

use super::apps::{escape_like, AppCursor, AppListQuery, AppRow, Listed, APP_COLUMNS, APP_TABLES};
use super::{Store, StoreError};

/// One index range of apps, with the value it is bound to.
enum Part<'a> {
    Everyone,
    Person(&'a str),
    Team(String),
}

impl Part<'_> {
    /// The part's condition on `a`, its value being the parameter `$n`.
    fn condition(&self, n: usize) -> Option<String> {
        match self {
            Part::Everyone => None,
            Part::Person(_) => Some(format!("a.owner_id = ${n} AND a.team_id IS NULL")),
            Part::Team(_) => Some(format!("a.team_id = ${n}")),
        }
    }

    fn value(&self) -> Option<&str> {
        match self {
            Part::Everyone => None,
            Part::Person(id) => Some(id),
            Part::Team(id) => Some(id),
        }
    }
}

/// Parameters after the parts' values, in this order: the name pattern, the cursor, the limit.
struct Numbers {
    pattern: Option<usize>,
    cursor: Option<usize>,
    limit: usize,
}

impl Numbers {
    fn after(values: usize, pattern: bool, cursor: bool) -> Numbers {
        let mut next = values + 1;
        let mut take = |used: bool, width: usize| {
            used.then(|| {
                let n = next;
                next += width;
                n
            })
        };
        let pattern = take(pattern, 1);
        let cursor = take(cursor, 2);
        Numbers {
            pattern,
            cursor,
            limit: next,
        }
    }

    /// The conditions every part shares: the name, and (for the page, not the count) the
    /// cursor.
    fn shared(&self, with_cursor: bool) -> Vec<String> {
        let mut conditions = Vec::new();
        if let Some(n) = self.pattern {
            conditions.push(format!("LOWER(a.name) LIKE ${n} ESCAPE '\\'"));
        }
        if let (true, Some(n)) = (with_cursor, self.cursor) {
            conditions.push(format!(
                "(a.created_at < ${n} OR (a.created_at = ${n} AND a.client_id < ${}))",
                n + 1
            ));
        }
        conditions
    }
}

fn where_clause(conditions: Vec<String>) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

/// How far a list's apps are counted; past it, the list says "more than 10,000" (a person with
/// 10,000 apps of their own still gets the exact number).
pub const COUNTED_AT_MOST: u64 = 10_000;

/// How many apps a list has: `counted`, or more than that when `more`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppCount {
    pub counted: u64,
    pub more: bool,
}

const NEWEST_FIRST: &str = "ORDER BY a.created_at DESC, a.client_id DESC";

impl Store {
    /// One page of apps, newest first, and the number of apps matching the filters.
    pub async fn list_apps(
        &self,
        query: &AppListQuery<'_>,
    ) -> Result<(Vec<AppRow>, AppCount), StoreError> {
        let parts = self.parts(query.listed).await?;
        let pattern = query
            .name_contains
            .map(|text| format!("%{}%", escape_like(&text.to_lowercase())));
        let values = parts.iter().filter(|part| part.value().is_some()).count();
        let numbers = Numbers::after(values, pattern.is_some(), query.after.is_some());
        let condition = |(index, part): (usize, &Part<'_>), with_cursor: bool| {
            let mut conditions: Vec<String> = part.condition(index + 1).into_iter().collect();
            conditions.extend(numbers.shared(with_cursor));
            where_clause(conditions)
        };
        let page_sql = match parts.as_slice() {
            [part] => format!(
                "SELECT {APP_COLUMNS} FROM {APP_TABLES} {} {NEWEST_FIRST} LIMIT ${}",
                condition((0, part), true),
                numbers.limit
            ),
            // Several ranges: the newest `limit` of each, then the newest `limit` of those.
            _ => {
                let newest: Vec<String> = parts
                    .iter()
                    .enumerate()
                    .map(|(index, part)| {
                        format!(
                            "SELECT client_id, created_at FROM (SELECT a.client_id, a.created_at FROM apps a {} {NEWEST_FIRST} LIMIT ${}) AS p{index}",
                            condition((index, part), true),
                            numbers.limit
                        )
                    })
                    .collect();
                // The newest of those are chosen from the indexes' own columns, so only the
                // page's rows are read from the table (not `limit` for every team).
                format!(
                    "SELECT {APP_COLUMNS} FROM {APP_TABLES} WHERE a.client_id IN \
                     (SELECT client_id FROM ({}) AS newest ORDER BY created_at DESC, client_id DESC LIMIT ${}) \
                     {NEWEST_FIRST} LIMIT ${}",
                    newest.join(" UNION ALL "),
                    numbers.limit,
                    numbers.limit
                )
            }
        };
        // Counting walks every matching index entry: it stops one past `COUNTED_AT_MOST`.
        let counted: Vec<String> = parts
            .iter()
            .enumerate()
            .map(|(index, part)| {
                format!(
                    "SELECT 1 AS one FROM apps a {}",
                    condition((index, part), false)
                )
            })
            .collect();
        let count_sql = format!(
            "SELECT COUNT(*) AS n FROM ({} LIMIT {}) AS counted",
            counted.join(" UNION ALL "),
            COUNTED_AT_MOST + 1
        );

        let apps: Vec<AppRow> = {
            let mut q = sqlx::query_as(&page_sql);
            for value in parts.iter().filter_map(Part::value) {
                q = q.bind(value);
            }
            if let Some(pattern) = &pattern {
                q = q.bind(pattern.as_str());
            }
            if let Some(AppCursor {
                created_at,
                client_id,
            }) = &query.after
            {
                q = q.bind(*created_at).bind(client_id.as_str());
            }
            q.bind(i64::from(query.limit)).fetch_all(&self.pool).await?
        };
        let total: i64 = {
            let mut q = sqlx::query_scalar(&count_sql);
            for value in parts.iter().filter_map(Part::value) {
                q = q.bind(value);
            }
            if let Some(pattern) = &pattern {
                q = q.bind(pattern.as_str());
            }
            q.fetch_one(&self.pool).await?
        };
        let total = total.max(0) as u64;
        Ok((
            apps,
            AppCount {
                counted: total.min(COUNTED_AT_MOST),
                more: total > COUNTED_AT_MOST,
            },
        ))
    }

    /// The index ranges a list is made of; for "what I can see", the person's teams now.
    async fn parts<'a>(&self, listed: Listed<'a>) -> Result<Vec<Part<'a>>, StoreError> {
        Ok(match listed {
            Listed::Everyone => vec![Part::Everyone],
            Listed::Person(user_id) => vec![Part::Person(user_id)],
            Listed::Team(team_id) => vec![Part::Team(team_id.to_owned())],
            Listed::SeenBy(user_id) => {
                let teams: Vec<String> = sqlx::query_scalar(
                    "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                std::iter::once(Part::Person(user_id))
                    .chain(teams.into_iter().map(Part::Team))
                    .collect()
            }
        })
    }
}
