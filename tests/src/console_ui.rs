//! Steps the console's browser tests share: finding elements by `data-testid` and signing in
//! through the sign-in page, as a person would.

use crate::browser::Browser;
use crate::console_api::PASSWORD;
use crate::TestApp;

/// The selector of an element by its `data-testid`.
pub fn id(testid: &str) -> String {
    format!(r#"[data-testid="{testid}"]"#)
}

/// Signs in through the console's sign-in page with the test password; lands on "My apps".
pub async fn sign_in_through_the_page(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&app.url("/sign-in")).await;
    browser.fill(&id("input-email"), email).await;
    browser.fill(&id("input-password"), PASSWORD).await;
    browser.click(&id("sign-in-submit")).await;
    browser.wait_for_path("/apps").await;
    browser.find(&id("account-name")).await;
}
