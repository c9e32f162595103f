//! The page cursors of keyset-paged lists (apps, an account's log): where the last page ended,
//! as a time and an id, in an opaque URL-safe token the next request sends back.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Longer cursors are none of ours (a time and an id fit in far less), and are refused before
/// decoding.
const MAX_CURSOR_CHARS: usize = 256;

pub fn encode(at: i64, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{at}:{id}"))
}

/// The time and id a cursor of ours holds; `None` for anything else.
pub fn decode(cursor: &str) -> Option<(i64, String)> {
    if cursor.len() > MAX_CURSOR_CHARS {
        return None;
    }
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let (at, id) = text.split_once(':')?;
    Some((at.parse().ok()?, id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_gives_back_its_time_and_id_and_nothing_else_decodes() {
        assert_eq!(
            decode(&encode(42, "aud_x:y")),
            Some((42, "aud_x:y".to_owned()))
        );
        for not_ours in ["", "!!", "bm90aGluZw", &"A".repeat(10_000)] {
            assert_eq!(decode(not_ours), None, "{not_ours}");
        }
    }
}
