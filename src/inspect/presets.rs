//! What a preset profile fills in on the gateway form.

/// The form fields a preset profile fills in: its issuer, client ids and scopes go to the
/// fields of its gateway (all gateways when it names none), then its explicit `fields` override.
pub fn preset_fields(p: &crate::presets::PresetProfile) -> Vec<(&'static str, String)> {
    use crate::diagnose::profiles::Profile as G;
    let all = p.gateway.is_none();
    let is = |g: G| all || p.gateway == Some(g);
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let list = |v: &[String]| v.join(" ");
    if let Some(iss) = &p.issuer {
        if is(G::HttpJwt) {
            out.push(("cfg-http-issuer", iss.clone()));
        }
        if is(G::Oidc) {
            out.push(("cfg-oidc-issuer", iss.clone()));
        }
        if is(G::RestCognito) {
            out.push(("cfg-rest-pools", iss.clone()));
        }
        if is(G::LambdaAjv) {
            out.push(("cfg-lambda-pool", iss.clone()));
        }
    }
    if !p.client_ids.is_empty() {
        if is(G::HttpJwt) {
            out.push(("cfg-http-audiences", list(&p.client_ids)));
        }
        if is(G::LambdaAjv) {
            out.push(("cfg-lambda-clients", list(&p.client_ids)));
        }
        if is(G::Oidc) {
            out.push(("cfg-oidc-audiences", list(&p.client_ids)));
        }
    }
    if !p.scopes.is_empty() {
        let id = match p.gateway {
            Some(G::RestCognito) | Some(G::RestTestAuthorizer) => Some("cfg-rest-scopes"),
            Some(G::HttpJwt) => Some("cfg-http-scopes"),
            Some(G::LambdaAjv) => Some("cfg-lambda-scopes"),
            Some(G::Oidc) => Some("cfg-oidc-scopes"),
            None => None,
        };
        if let Some(id) = id {
            out.push((id, list(&p.scopes)));
        }
    }
    for (id, value) in &p.fields {
        out.retain(|(existing, _)| existing != id);
        out.push((*id, value.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preset_fills_the_fields_of_its_gateway_and_its_explicit_fields_win() {
        let body = br#"{"version":1,"profiles":[{"name":"orders","issuer":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC","client_ids":["abc"],"scopes":["orders/read"],"gateway":"http-jwt","fields":{"leeway":"30"}}]}"#;
        let parsed = crate::presets::parse_presets(body);
        let profile = parsed.presets.profiles.first().expect("a profile");
        let fields = preset_fields(profile);
        assert!(fields.contains(&(
            "cfg-http-issuer",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC".to_owned()
        )));
        assert!(fields.contains(&("cfg-http-audiences", "abc".to_owned())));
        assert!(fields.contains(&("cfg-http-scopes", "orders/read".to_owned())));
        assert!(fields.contains(&("leeway", "30".to_owned())));
        assert!(!fields.iter().any(|(id, _)| id.starts_with("cfg-rest")));
    }

    #[test]
    fn the_shipped_empty_presets_file_reads_without_problems() {
        let parsed =
            crate::presets::parse_presets(include_bytes!("../../static/tokenlens.config.json"));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert!(parsed.presets.profiles.is_empty());
    }
}
