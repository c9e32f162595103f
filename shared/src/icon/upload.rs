//! An icon as it travels in JSON: base64 text, or a base64 `data:` URL as a browser's
//! `FileReader.readAsDataURL` produces.

use std::fmt;

use base64::alphabet::STANDARD as STANDARD_ALPHABET;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::{inspect_icon, IconError, IconInfo, MAX_ICON_BYTES};

/// Standard alphabet, padding optional: some encoders drop it.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD_ALPHABET,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An uploaded icon that passed [`inspect_icon`]. The declared media type of a data URL
/// is ignored: the format is recognised from the bytes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IconUpload {
    bytes: Vec<u8>,
    info: IconInfo,
}

impl IconUpload {
    /// An icon from raw bytes (e.g. a multipart upload).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<IconUpload, IconError> {
        let info = inspect_icon(&bytes)?;
        Ok(IconUpload { bytes, info })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn info(&self) -> &IconInfo {
        &self.info
    }

    pub fn content_type(&self) -> &'static str {
        self.info.format.content_type()
    }

    /// Plain base64 (standard alphabet, padded), the serialised form.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.bytes)
    }

    /// A `data:` URL, for showing a preview in the browser before saving.
    pub fn to_data_url(&self) -> String {
        format!("data:{};base64,{}", self.content_type(), self.to_base64())
    }
}

/// The base64 payload of `text`: the text itself, or what follows the comma of a
/// `data:…;base64,` URL.
fn payload(text: &str) -> Result<&str, IconError> {
    let is_data_url = text
        .get(..5)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:"));
    if !is_data_url {
        return Ok(text);
    }
    let (metadata, data) = text.split_once(',').ok_or(IconError::Encoding)?;
    let is_base64 = metadata
        .get(metadata.len().saturating_sub(7)..)
        .is_some_and(|end| end.eq_ignore_ascii_case(";base64"));
    if is_base64 {
        Ok(data)
    } else {
        Err(IconError::Encoding)
    }
}

impl TryFrom<String> for IconUpload {
    type Error = IconError;

    fn try_from(text: String) -> Result<IconUpload, IconError> {
        let payload = payload(text.trim())?;
        // Refuse oversized input before decoding it; base64 is 4 characters per 3 bytes,
        // and line breaks may be sprinkled in.
        let max_encoded = MAX_ICON_BYTES.div_ceil(3) * 4;
        if payload.len() > max_encoded * 2 {
            return Err(IconError::TooBig);
        }
        let compact: String = payload
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        if compact.len() > max_encoded {
            return Err(IconError::TooBig);
        }
        let bytes = LENIENT
            .decode(compact.as_bytes())
            .map_err(|_| IconError::Encoding)?;
        IconUpload::from_bytes(bytes)
    }
}

impl From<IconUpload> for String {
    fn from(icon: IconUpload) -> String {
        icon.to_base64()
    }
}

impl fmt::Debug for IconUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IconUpload")
            .field("info", &self.info)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}
