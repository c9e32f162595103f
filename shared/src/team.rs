//! Teams: a name people read, a slug URLs and commands use, and the role each member has.

use serde::{Deserialize, Serialize};

use crate::hidden_chars::code_point;
use crate::shown_name::shown_name;
use crate::text_newtype::text_newtype;

shown_name! {
    /// The name members see: 2 to 64 characters once trimmed, on one line, nothing hidden in it
    /// (the same rule as app names, see `hidden_chars`).
    pub struct TeamName(2..=64) refused as TeamNameError {
        what: "Team names",
        empty: "Enter a name for the team.",
        invisible_hint: "; type the name as people should see it",
    }
}

/// Why a team slug was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TeamSlugError {
    #[error("Team slugs must be 2 to 40 characters long.")]
    Length,
    /// The first character that is not `a`–`z`, `0`–`9` or `-`, as `U+0430`.
    #[error("Team slugs may only use lowercase letters a-z, digits and hyphens (not {0}), so that no two slugs look alike.")]
    Character(String),
    #[error("Team slugs may not start or end with a hyphen, or have two in a row.")]
    Hyphens,
}

text_newtype! {
    /// A team's handle in URLs and commands: 2 to 40 of `a`–`z`, `0`–`9` and single inner
    /// hyphens. Plain ASCII only, so a slug cannot be spoofed by a look-alike letter (a Cyrillic
    /// `а` for a Latin `a`, UTS #39 section 4 "confusables") or by letter case.
    #[derive(PartialOrd, Ord)]
    pub struct TeamSlug: TeamSlugError, checked by team_slug_rule;
}

/// `TeamSlug`'s rule: the text as kept, or why it is refused.
fn team_slug_rule(text: String) -> Result<String, TeamSlugError> {
    if let Some(c) = text
        .chars()
        .find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-'))
    {
        return Err(TeamSlugError::Character(code_point(c)));
    }
    if !(2..=40).contains(&text.len()) {
        return Err(TeamSlugError::Length);
    }
    if text.starts_with('-') || text.ends_with('-') || text.contains("--") {
        return Err(TeamSlugError::Hyphens);
    }
    Ok(text)
}

impl TeamSlug {
    /// The slug a name suggests: ASCII letters and digits lowercased, every other run of
    /// characters one hyphen. `None` when too little of the name is ASCII to make one (the
    /// person then chooses a slug).
    pub fn from_name(name: &TeamName) -> Option<TeamSlug> {
        let mut slug = String::new();
        for c in name.as_str().chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.truncate(40);
        TeamSlug::try_from(slug.trim_end_matches('-').to_owned()).ok()
    }

    /// `slug-2`, `slug-3`…: the next one to try when `self` is taken (still at most 40).
    pub fn numbered(&self, number: u32) -> TeamSlug {
        let suffix = format!("-{number}");
        let mut base = self.0.clone();
        base.truncate(40 - suffix.len());
        TeamSlug(format!("{}{suffix}", base.trim_end_matches('-')))
    }
}

/// What a member may do in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TeamRole {
    /// Everything, including deleting the team and changing owners.
    Owner,
    /// Manages members (not owners), and everything a developer can.
    Admin,
    /// Registers, edits and deletes the team's apps and APIs, their secrets too.
    Developer,
    /// Sees the team's apps and APIs; changes nothing.
    Viewer,
}

impl TeamRole {
    pub const ALL: [TeamRole; 4] = [
        TeamRole::Owner,
        TeamRole::Admin,
        TeamRole::Developer,
        TeamRole::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Owner => "owner",
            TeamRole::Admin => "admin",
            TeamRole::Developer => "developer",
            TeamRole::Viewer => "viewer",
        }
    }

    pub fn from_name(name: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// Registers, changes and deletes the team's apps and APIs and their secrets.
    pub fn changes_apps(self) -> bool {
        self != TeamRole::Viewer
    }

    /// Adds and removes members and changes their roles (owners only by owners).
    pub fn manages_members(self) -> bool {
        matches!(self, TeamRole::Owner | TeamRole::Admin)
    }
}

impl std::str::FromStr for TeamRole {
    type Err = String;

    fn from_str(name: &str) -> Result<TeamRole, String> {
        TeamRole::from_name(name)
            .ok_or_else(|| format!("unknown role {name:?}: use owner, admin, developer or viewer"))
    }
}

impl std::fmt::Display for TeamRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_newtype::check_text_cases;

    #[test]
    fn slugs_are_plain_lowercase_ascii() {
        check_text_cases::<TeamSlug, _>(
            [
                ("acme", Ok("acme")),
                ("acme-labs-2", Ok("acme-labs-2")),
                ("a", Err(TeamSlugError::Length)),
                (&"a".repeat(41), Err(TeamSlugError::Length)),
                ("", Err(TeamSlugError::Length)),
                ("-acme", Err(TeamSlugError::Hyphens)),
                ("acme-", Err(TeamSlugError::Hyphens)),
                ("ac--me", Err(TeamSlugError::Hyphens)),
                ("Acme", Err(TeamSlugError::Character("U+0041".into()))),
                // Cyrillic а and Greek ο look like Latin a and o.
                (
                    "\u{0430}cme",
                    Err(TeamSlugError::Character("U+0430".into())),
                ),
                (
                    "g\u{03BF}\u{03BF}gle",
                    Err(TeamSlugError::Character("U+03BF".into())),
                ),
                (
                    "acme\u{200B}",
                    Err(TeamSlugError::Character("U+200B".into())),
                ),
                ("ac me", Err(TeamSlugError::Character("U+0020".into()))),
                ("ａcme", Err(TeamSlugError::Character("U+FF41".into()))),
            ],
            TeamSlug::as_str,
        );
    }

    #[test]
    fn names_refuse_hidden_characters() {
        check_text_cases::<TeamName, _>(
            [
                ("  Acme Labs ", Ok("Acme Labs")),
                ("李明", Ok("李明")),
                ("A", Err(TeamNameError::TooShort)),
                ("\u{200B}\u{200B}", Err(TeamNameError::Empty)),
                (
                    "Ac\u{200D}me",
                    Err(TeamNameError::Invisible("U+200D".into())),
                ),
                (
                    "Ac\u{202E}me",
                    Err(TeamNameError::DirectionControl("U+202E".into())),
                ),
                ("Ac\nme", Err(TeamNameError::ControlCharacter)),
                (&"x".repeat(65), Err(TeamNameError::TooLong)),
            ],
            TeamName::as_str,
        );
    }

    #[test]
    fn a_slug_is_suggested_by_a_mostly_ascii_name() {
        let slug = |name: &str| TeamSlug::from_name(&TeamName::try_from(name.to_owned()).unwrap());
        assert_eq!(slug("Acme Labs!").unwrap().as_str(), "acme-labs");
        assert_eq!(slug("  Ünïted  Teams ").unwrap().as_str(), "n-ted-teams");
        assert_eq!(slug("李明"), None);
        assert_eq!(slug(&"x".repeat(64)).unwrap().as_str().len(), 40);
        let long = slug(&"ab-".repeat(20)).unwrap();
        assert_eq!(long.numbered(12).as_str().len(), 40);
        assert!(long.numbered(12).as_str().ends_with("-12"));
        assert!(TeamSlug::try_from(long.numbered(12).to_string()).is_ok());
    }

    #[test]
    fn roles_decide_what_members_do() {
        for role in TeamRole::ALL {
            assert_eq!(TeamRole::from_name(role.as_str()), Some(role));
        }
        assert!(!TeamRole::Viewer.changes_apps());
        assert!(TeamRole::Developer.changes_apps() && !TeamRole::Developer.manages_members());
        assert!(TeamRole::Admin.manages_members() && TeamRole::Owner.manages_members());
        assert!("boss".parse::<TeamRole>().is_err());
    }
}
