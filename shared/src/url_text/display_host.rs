//! How a host is shown to a person deciding whether to trust it: the way browsers' address
//! bars do, in Unicode only when that cannot pass for another name.
//!
//! A host is stored and compared in its ASCII form (the WHATWG URL parser applies UTS #46, so
//! `аррӏе.com` in Cyrillic is `xn--80ak6aa92e.com`). Shown as Unicode it would read "apple.com".
//! Following Chromium's IDN display policy (and UTS #39 section 5, mixed-script detection), a
//! label is shown in Unicode only when
//! - every non-ASCII character belongs to one script (Common and Inherited characters, such as
//!   joiners, combining marks and symbols, do not qualify), or to a combination used in one
//!   writing system (Latin with Han and kana for Japanese, with Han and Bopomofo for Chinese,
//!   with Han and Hangul for Korean; UTS #39 section 5.1, "highly restrictive");
//! - it is not a whole-script confusable: a Cyrillic, Greek or Armenian label made only of
//!   letters that look like Latin ones (`аррӏе`, `ѕсоре`);
//! - it has no Latin letter that imitates a plain ASCII one (`ɡ`, `ı`, `ɑ`…).
//!
//! Otherwise the whole host is shown in its ASCII `xn--` form, as browsers do, so a look-alike
//! shows as the gibberish it is.

use unicode_script::{Script, UnicodeScript};
use url::{Host, Url};

/// Lower-case Cyrillic letters that look like Latin letters (Chromium's list, which is also
/// the set UTS #39's confusables map to single ASCII letters).
const CYRILLIC_LATIN_ALIKE: &str = "асԁеһіјӏорԛѕԝхуъьҽпгѵѡ";
/// Lower-case Greek letters that look like Latin letters.
const GREEK_LATIN_ALIKE: &str = "αβεικνορτυχω";
/// Lower-case Armenian letters that look like Latin letters.
const ARMENIAN_LATIN_ALIKE: &str = "ագհոսօցզք";
/// Latin letters outside ASCII that pass for an ASCII letter in most fonts.
const LATIN_ASCII_ALIKE: &str = "ıȷɑɡɩɪʟʀɴʏᴅᴏᴜꞵƖ";

/// Script combinations that one writing system uses within a word (UTS #39 section 5.1).
const WRITING_SYSTEMS: [&[Script]; 3] = [
    &[
        Script::Latin,
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
    ],
    &[Script::Latin, Script::Han, Script::Bopomofo],
    &[Script::Latin, Script::Han, Script::Hangul],
];

/// The host of `url` as it should be shown: Unicode when every label is safe to read, the
/// ASCII (`xn--` punycode) form otherwise; IP addresses as written by the URL standard
/// (`[::1]` in brackets). Empty when the URL has no host (`com.example.app:/cb`).
pub fn display_host(url: &Url) -> String {
    match url.host() {
        Some(Host::Domain(domain)) => display_domain(domain),
        Some(Host::Ipv4(address)) => address.to_string(),
        Some(Host::Ipv6(address)) => format!("[{address}]"),
        None => String::new(),
    }
}

/// [`display_host`] of a URL given as text; `None` when it does not parse.
pub fn display_host_of(text: &str) -> Option<String> {
    Url::parse(text).ok().map(|url| display_host(&url))
}

fn display_domain(domain: &str) -> String {
    // Special schemes' hosts are ASCII already; an opaque host of another scheme keeps its
    // percent-escapes, which are ASCII too. Anything else is shown in its ASCII form.
    let ascii = if domain.is_ascii() {
        domain.to_owned()
    } else {
        match idna::domain_to_ascii(domain) {
            Ok(ascii) => ascii,
            Err(_) => return domain.escape_default().to_string(),
        }
    };
    if !ascii.split('.').any(|label| label.starts_with("xn--")) {
        return ascii;
    }
    let (unicode, result) = idna::domain_to_unicode(&ascii);
    if result.is_ok() && unicode.split('.').all(is_safe_label) {
        unicode
    } else {
        ascii
    }
}

fn is_safe_label(label: &str) -> bool {
    if label.is_ascii() {
        return true;
    }
    let mut scripts: Vec<Script> = Vec::new();
    for c in label.chars() {
        let script = if c.is_ascii_alphabetic() {
            Script::Latin
        } else if c.is_ascii_digit() || c == '-' {
            continue;
        } else {
            c.script()
        };
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            return false;
        }
        if !scripts.contains(&script) {
            scripts.push(script);
        }
    }
    let one_writing_system = scripts.len() <= 1
        || WRITING_SYSTEMS
            .iter()
            .any(|system| scripts.iter().all(|script| system.contains(script)));
    one_writing_system && !is_whole_script_confusable(label, &scripts) && !has_latin_alike(label)
}

fn is_whole_script_confusable(label: &str, scripts: &[Script]) -> bool {
    let alike = match scripts {
        [Script::Cyrillic] => CYRILLIC_LATIN_ALIKE,
        [Script::Greek] => GREEK_LATIN_ALIKE,
        [Script::Armenian] => ARMENIAN_LATIN_ALIKE,
        _ => return false,
    };
    label
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '-')
        .all(|c| alike.contains(c))
}

fn has_latin_alike(label: &str) -> bool {
    label.chars().any(|c| LATIN_ASCII_ALIKE.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (URL, what is shown, or `None` for "the ASCII form the URL parser produced").
    #[test]
    fn look_alike_hosts_are_shown_in_punycode_and_honest_ones_in_unicode() {
        let table: Vec<(&str, Option<&str>)> = vec![
            ("https://example.com/cb", Some("example.com")),
            ("HTTPS://EXAMPLE.COM/", Some("example.com")),
            ("https://bücher.example/", Some("bücher.example")),
            ("https://xn--bcher-kva.example/", Some("bücher.example")),
            ("https://münchen.de/", Some("münchen.de")),
            ("https://пример.рф/", Some("пример.рф")),
            ("https://例え.jp/", Some("例え.jp")),
            ("https://日本語テスト.jp/", Some("日本語テスト.jp")),
            ("https://한국어.kr/", Some("한국어.kr")),
            ("https://ελληνικά.gr/", Some("ελληνικά.gr")),
            // Whole-script confusables: every letter Cyrillic, every letter Latin-alike.
            ("https://аррӏе.com/", None),
            ("https://ѕсоре.com/", None),
            ("https://xn--80ak6aa92e.com/", None),
            // Mixed scripts within one label.
            ("https://gооgle.com/", None),
            ("https://pаypal.com/", None),
            ("https://αpple.com/", None),
            // Latin letters that pass for ASCII ones.
            ("https://ɡoogle.com/", None),
            ("https://paypaı.com/", None),
            ("http://127.0.0.1:8080/cb", Some("127.0.0.1")),
            ("http://[::1]:3000/cb", Some("[::1]")),
            ("com.example.app:/callback", Some("")),
        ];
        for (text, expected) in table {
            let url = Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let shown = display_host(&url);
            match expected {
                Some(expected) => assert_eq!(shown, expected, "{text}"),
                None => {
                    assert_eq!(Some(shown.as_str()), url.host_str(), "{text}");
                    assert!(shown.contains("xn--"), "{text} shown as {shown}");
                }
            }
        }
    }

    #[test]
    fn the_cyrillic_apple_is_shown_as_its_punycode() {
        assert_eq!(
            display_host_of("https://аррӏе.com/").as_deref(),
            Some("xn--80ak6aa92e.com")
        );
    }

    #[test]
    fn a_joiner_or_direction_control_in_a_host_is_never_shown() {
        for text in [
            "https://goo\u{200D}gle.com/",
            "https://xn--google-1m4b.com/",
            "https://ex\u{202E}elpmaxe.com/",
        ] {
            if let Some(shown) = display_host_of(text) {
                assert!(
                    shown.is_ascii(),
                    "{text:?} shown as {shown:?}, which hides a character"
                );
            }
        }
    }
}
