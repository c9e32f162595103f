//! The list's state in the address (`/apps?q=photo&owner=all&pages=2`): the search, whose
//! apps (the team switcher: `owner=me`, `team=SLUG`; the administrators' "every user's apps"
//! switch: `owner=all`) and how many pages are loaded. Going back to
//! the list from an app then shows it as it was left.

use leptos_router::params::ParamsMap;

use crate::api::Whose;

/// Apps per page, as the server pages by default.
pub const PAGE_SIZE: u32 = shared::api::APPS_PAGE_SIZE;
/// Pages restored at most: 100 apps, the server's largest page. "Load more" goes on from there.
const MAX_RESTORED_PAGES: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAddress {
    pub search: String,
    pub whose: Whose,
    pub pages: u32,
}

impl ListAddress {
    pub fn read(query: &ParamsMap) -> ListAddress {
        ListAddress {
            search: query.get("q").unwrap_or_default(),
            whose: Whose::from_params(query.get("owner").as_deref(), query.get("team")),
            pages: query
                .get("pages")
                .and_then(|pages| pages.parse().ok())
                .unwrap_or(1)
                .clamp(1, MAX_RESTORED_PAGES),
        }
    }

    /// The list's address; what is the default is left out.
    pub fn href(&self) -> String {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        if !self.search.trim().is_empty() {
            params.append_pair("q", &self.search);
        }
        self.whose.append_to(&mut params);
        if self.pages > 1 {
            params.append_pair("pages", &self.pages.to_string());
        }
        match params.finish() {
            query if query.is_empty() => "/apps".to_owned(),
            query => format!("/apps?{query}"),
        }
    }
}
