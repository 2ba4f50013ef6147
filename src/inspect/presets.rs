//! What a preset profile fills in on the gateway form.

/// The form fields a preset profile fills in: its issuer, client ids and scopes go to the
/// fields of its gateway (all gateways when it names none), then its explicit `fields` override.
pub fn preset_fields(p: &crate::presets::PresetProfile) -> Vec<(&'static str, String)> {
    use crate::diagnose::config::Field as F;
    use crate::diagnose::profiles::Profile as G;
    let all = p.gateway.is_none();
    let is = |g: G| all || p.gateway == Some(g);
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let list = |v: &[String]| v.join(" ");
    let mut fill = |gateways: &[(G, F)], value: String| {
        for (g, field) in gateways {
            if is(*g) {
                out.push((field.id(), value.clone()));
            }
        }
    };
    if let Some(iss) = &p.issuer {
        fill(
            &[
                (G::HttpJwt, F::HttpIssuer),
                (G::RestJwt, F::RestJwtIssuer),
                (G::Oidc, F::OidcIssuer),
                (G::RestCognito, F::RestPools),
                (G::LambdaAjv, F::LambdaPool),
            ],
            iss.clone(),
        );
    }
    if !p.client_ids.is_empty() {
        fill(
            &[
                (G::HttpJwt, F::HttpAudiences),
                (G::RestJwt, F::RestJwtAudiences),
                (G::LambdaAjv, F::LambdaClients),
                (G::Oidc, F::OidcAudiences),
            ],
            list(&p.client_ids),
        );
    }
    if !p.scopes.is_empty() {
        // Scopes go to the named gateway only (a profile without one names no method).
        let field = match p.gateway {
            Some(G::RestCognito | G::RestTestAuthorizer) => Some(F::RestScopes),
            Some(G::RestJwt) => Some(F::RestJwtScopes),
            Some(G::HttpJwt) => Some(F::HttpScopes),
            Some(G::LambdaAjv) => Some(F::LambdaScopes),
            Some(G::Oidc) => Some(F::OidcScopes),
            None => None,
        };
        if let Some(field) = field {
            out.push((field.id(), list(&p.scopes)));
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
