//! A strict reader of the Prometheus text exposition format, version 0.0.4 (what `/metrics`
//! sends), so the metrics tests read numbers the way a scraper would and fail on any line a
//! scraper would refuse: every sample belongs to a family declared by `# TYPE` before it (a
//! histogram's `_bucket`, `_sum` and `_count` included), names and label names are well formed,
//! label values are quoted with only `\\`, `\"` and `\n` escapes, values are numbers, and no
//! series appears twice.

use std::collections::{BTreeMap, HashMap};

/// A series' labels, sorted by label name.
pub type Labels = Vec<(String, String)>;

/// One series: its name and its labels.
pub type Series = (String, Labels);

/// Every sample of a scrape.
#[derive(Debug, Default)]
pub struct Scrape {
    samples: BTreeMap<Series, f64>,
}

impl Scrape {
    /// The value of the series `name` with exactly `labels` (in any order).
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let mut labels: Vec<(String, String)> = labels
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        labels.sort();
        self.samples.get(&(name.to_owned(), labels)).copied()
    }

    /// The series of `name`, each with its labels and value.
    pub fn series(&self, name: &str) -> Vec<(&[(String, String)], f64)> {
        self.samples
            .iter()
            .filter(|((series, _), _)| series == name)
            .map(|((_, labels), value)| (labels.as_slice(), *value))
            .collect()
    }

    /// The sum of every series of `name` whose labels include `labels`.
    pub fn sum(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.series(name)
            .into_iter()
            .filter(|(have, _)| {
                labels
                    .iter()
                    .all(|(key, value)| have.iter().any(|(k, v)| k == key && v == value))
            })
            .map(|(_, value)| value)
            .sum()
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }
}

/// Reads `text`; the error names the first line a scraper would refuse.
pub fn parse(text: &str) -> Result<Scrape, String> {
    if !text.is_empty() && !text.ends_with('\n') {
        return Err("the text does not end with a newline".into());
    }
    let mut types: HashMap<String, String> = HashMap::new();
    let mut scrape = Scrape::default();
    for (number, line) in text.lines().enumerate() {
        let fail = |why: &str| format!("line {}: {why}: {line:?}", number + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix("# ") {
            let mut parts = comment.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("TYPE"), Some(name), Some(kind)) => {
                    if !is_metric_name(name) {
                        return Err(fail("a bad metric name"));
                    }
                    if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind) {
                        return Err(fail("an unknown type"));
                    }
                    if types.insert(name.to_owned(), kind.to_owned()).is_some() {
                        return Err(fail("a second TYPE for one name"));
                    }
                }
                (Some("HELP"), Some(name), _) if is_metric_name(name) => {}
                (Some("HELP" | "TYPE"), _, _) => return Err(fail("a malformed HELP or TYPE")),
                _ => {}
            }
            continue;
        }
        let (series, value) = sample(line).map_err(|why| fail(&why))?;
        if family_of(&series.0, &types).is_none() {
            return Err(fail("a sample of no declared family"));
        }
        if scrape.samples.insert(series, value).is_some() {
            return Err(fail("a series twice"));
        }
    }
    Ok(scrape)
}

/// The declared family a sample name belongs to.
fn family_of<'a>(name: &'a str, types: &HashMap<String, String>) -> Option<&'a str> {
    if types.contains_key(name) {
        return Some(name);
    }
    ["_bucket", "_sum", "_count"].iter().find_map(|suffix| {
        let family = name.strip_suffix(suffix)?;
        matches!(
            types.get(family).map(String::as_str),
            Some("histogram" | "summary")
        )
        .then_some(family)
    })
}

fn is_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name{label="value",…} value [timestamp]`.
fn sample(line: &str) -> Result<(Series, f64), String> {
    let name_end = line.find(['{', ' ']).ok_or_else(|| "no value".to_owned())?;
    let name = &line[..name_end];
    if !is_metric_name(name) {
        return Err("a bad metric name".into());
    }
    let mut rest = &line[name_end..];
    let mut labels = Vec::new();
    if let Some(inner) = rest.strip_prefix('{') {
        let (parsed, after) = label_list(inner)?;
        labels = parsed;
        rest = after;
    }
    let mut fields = rest
        .strip_prefix(' ')
        .ok_or_else(|| "no space before the value".to_owned())?
        .split(' ');
    let value = match fields.next() {
        Some("+Inf") => f64::INFINITY,
        Some("-Inf") => f64::NEG_INFINITY,
        Some("NaN") => f64::NAN,
        Some(text) => text.parse().map_err(|_| format!("not a number: {text}"))?,
        None => return Err("no value".into()),
    };
    if let Some(timestamp) = fields.next() {
        timestamp
            .parse::<i64>()
            .map_err(|_| "a bad timestamp".to_owned())?;
    }
    if fields.next().is_some() {
        return Err("text after the timestamp".into());
    }
    labels.sort();
    let mut names: Vec<&String> = labels.iter().map(|(key, _)| key).collect();
    names.dedup();
    if names.len() != labels.len() {
        return Err("a label twice".into());
    }
    Ok(((name.to_owned(), labels), value))
}

/// The labels after `{`, up to and including `}`; and what follows.
fn label_list(mut text: &str) -> Result<(Labels, &str), String> {
    let mut labels = Vec::new();
    loop {
        if let Some(after) = text.strip_prefix('}') {
            return Ok((labels, after));
        }
        let (key, after) = text
            .split_once("=\"")
            .ok_or_else(|| "a label without =\"".to_owned())?;
        if !is_label_name(key) {
            return Err(format!("a bad label name: {key}"));
        }
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next() {
                Some((at, '"')) => break at,
                Some((_, '\\')) => match chars.next() {
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, '"')) => value.push('"'),
                    Some((_, 'n')) => value.push('\n'),
                    _ => return Err("a bad escape in a label value".into()),
                },
                Some((_, c)) => value.push(c),
                None => return Err("an unterminated label value".into()),
            }
        };
        labels.push((key.to_owned(), value));
        text = &after[end + 1..];
        if let Some(next) = text.strip_prefix(',') {
            text = next;
        } else if !text.starts_with('}') {
            return Err("labels not separated by commas".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_reader_takes_well_formed_text_and_refuses_what_a_scraper_would() {
        let good = "# HELP a_total Things.\n# TYPE a_total counter\na_total{k=\"v \\\"q\\\"\",z=\"1\"} 3\n\
                    # TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.5\nh_count 2\n";
        let scrape = parse(good).unwrap();
        assert_eq!(
            scrape.value("a_total", &[("z", "1"), ("k", "v \"q\"")]),
            Some(3.0)
        );
        assert_eq!(scrape.value("h_count", &[]), Some(2.0));
        for bad in [
            "a_total 1\n",
            "# TYPE a counter\na 1",
            "# TYPE a counter\na{k=\"v} 1\n",
            "# TYPE a counter\na{k=v} 1\n",
            "# TYPE a counter\na{k=\"\\x\"} 1\n",
            "# TYPE a counter\na one\n",
            "# TYPE a counter\na 1\na 2\n",
            "# TYPE a counter\na{k=\"1\",k=\"2\"} 1\n",
            "# TYPE a counter\n# TYPE a gauge\n",
            "# TYPE 9a counter\n",
            "# TYPE a counter\na{k=\"1\"}1\n",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
