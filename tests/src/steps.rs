//! A browser test's plain steps written as a table: `browser.steps(&[Click("nav-apps"),
//! AtPath("/apps"), Shows("app-list", "Photo Sync")])`. Each step is the `Browser` call of the
//! same meaning on the element with that `data-testid` (`console_ui::id`), run in order; a step
//! whose answer a test reads (a text, a value) stays a call of its own.

use crate::browser::Browser;
use crate::console_ui::id;

#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// Clicks the element.
    Click(&'a str),
    /// Replaces the input's text, typing the new one.
    Fill(&'a str, &'a str),
    /// Waits until the element's text contains the given text.
    Shows(&'a str, &'a str),
    /// Waits until no element has the test id.
    Gone(&'a str),
    /// Waits until the page's path (and query) is the given one.
    AtPath(&'a str),
    /// Waits until the element exists.
    Found(&'a str),
}

impl Browser {
    /// Waits until the element with the test id `testid` shows `text`; its whole text.
    pub async fn shows(&self, testid: &str, text: &str) -> String {
        self.wait_for_text(&id(testid), text).await
    }

    /// Runs `steps` one after the other; the first that fails panics, naming itself.
    pub async fn steps(&self, steps: &[Step<'_>]) {
        for step in steps {
            match *step {
                Step::Click(testid) => self.click(&id(testid)).await,
                Step::Fill(testid, text) => self.fill(&id(testid), text).await,
                Step::Shows(testid, text) => {
                    self.shows(testid, text).await;
                }
                Step::Gone(testid) => self.wait_until_gone(&id(testid)).await,
                Step::AtPath(path) => self.wait_for_path(path).await,
                Step::Found(testid) => {
                    self.find(&id(testid)).await;
                }
            }
        }
    }
}
