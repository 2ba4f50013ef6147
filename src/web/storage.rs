//! The only code that touches web storage, and only after the user opted in. Keeps the gateway
//! settings (form fields and JWKS URL), the colour scheme and the user's own setting of "Fetch
//! keys only when I click", never a token or a key.

use crate::jose::json::{write_string, write_string_pairs, JsonDoc, Value};

const KEY: &str = "tokenlens.settings.v1";

fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// What is kept on this device (untrusted text: the caller checks every value).
pub struct Kept {
    /// Gateway form fields, as (id, value).
    pub fields: Vec<(String, String)>,
    /// The JWKS URL field.
    pub jwks_url: String,
    /// The colour scheme's name.
    pub theme: String,
    /// "Fetch keys only when I click", when the user set it.
    pub only_on_click: Option<bool>,
}

/// The kept settings, if the user opted in earlier.
pub fn load() -> Option<Kept> {
    let text = local()?.get_item(KEY).ok().flatten()?;
    let value = JsonDoc::parse(&text).ok()?.value;
    let fields = value
        .get("fields")?
        .as_array()?
        .iter()
        .filter_map(|pair| {
            let pair = pair.as_array()?;
            Some((
                pair.first()?.as_str()?.to_owned(),
                pair.get(1)?.as_str()?.to_owned(),
            ))
        })
        .collect();
    let jwks_url = value
        .get("jwks_url")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let theme = value
        .get("theme")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let only_on_click = match value.get("only_on_click") {
        Some(Value::Bool(on)) => Some(*on),
        _ => None,
    };
    Some(Kept {
        fields,
        jwks_url,
        theme,
        only_on_click,
    })
}

/// Keeps the settings (called only while the user's "remember" choice is on); the switch only
/// when the user set it (`None` keeps the presets' default in charge).
pub fn save(fields: &[(&str, &str)], jwks_url: &str, theme: &str, only_on_click: Option<bool>) {
    let mut json = String::from("{\"fields\":");
    write_string_pairs(&mut fields.iter().copied(), &mut json);
    json.push_str(",\"jwks_url\":");
    write_string(jwks_url, &mut json);
    json.push_str(",\"theme\":");
    write_string(theme, &mut json);
    if let Some(on) = only_on_click {
        json.push_str(if on {
            ",\"only_on_click\":true"
        } else {
            ",\"only_on_click\":false"
        });
    }
    json.push('}');
    if let Some(storage) = local() {
        let _ = storage.set_item(KEY, &json);
    }
}

/// Removes everything tokenlens ever kept in this browser's storage for this page.
pub fn forget_everything() {
    let window = web_sys::window();
    for storage in [
        window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten()),
        window
            .as_ref()
            .and_then(|w| w.session_storage().ok().flatten()),
    ]
    .into_iter()
    .flatten()
    {
        let len = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect();
        for key in keys.iter().filter(|k| k.starts_with("tokenlens")) {
            let _ = storage.remove_item(key);
        }
    }
}
