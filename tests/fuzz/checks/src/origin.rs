//! Origins (`shared::origin`): normalising is idempotent and gives only scheme, host and port.

use shared::origin::{AllowedOrigins, Origin};

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(origin) = Origin::try_from(text) else {
        return;
    };
    let normal = origin.as_str();
    assert_eq!(Origin::try_from(normal).as_ref(), Ok(&origin), "{text}");
    let rest = normal
        .strip_prefix("https://")
        .or_else(|| normal.strip_prefix("http://"))
        .unwrap_or_else(|| panic!("{normal} is not http(s)"));
    assert!(
        !rest.is_empty() && !rest.contains(['/', '?', '#', '@']),
        "{normal}"
    );
    assert!(normal.is_ascii(), "{normal}: browsers send the ASCII form");
    crate::assert_json_round_trip(&origin);
    let list = AllowedOrigins::try_from(vec![text.to_owned()]).expect("one origin is a list");
    assert!(list.contains(normal), "{normal}");
    crate::assert_json_round_trip(&list);
}
