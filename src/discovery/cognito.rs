//! Amazon Cognito user-pool issuers, as far as finding their keys needs: both issuer forms and
//! the two key-set URLs of a pool.
//!
//! TODO(issuer.rs): this is a small private parser until `crate::issuer` (the full issuer
//! anatomy) lands; then `parse` becomes a call to it. Must not grow rules of its own.

/// The two issuer forms of a Cognito user pool (gateways.md §0, §5.2, R16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CognitoForm {
    /// `https://cognito-idp.{region}.amazonaws.com/{poolId}`.
    Original,
    /// `https://issuer-cognito-idp.{primary-region}.amazonaws.com/{poolId}`
    /// (`IssuerConfigurationType` = `UPDATED`).
    Updated,
}

impl CognitoForm {
    /// The other form.
    pub fn other(self) -> CognitoForm {
        match self {
            CognitoForm::Original => CognitoForm::Updated,
            CognitoForm::Updated => CognitoForm::Original,
        }
    }

    fn host_prefix(self) -> &'static str {
        match self {
            CognitoForm::Original => "cognito-idp.",
            CognitoForm::Updated => "issuer-cognito-idp.",
        }
    }
}

/// A Cognito user-pool issuer, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CognitoPool {
    /// Which form the issuer was written in.
    pub form: CognitoForm,
    /// The region in the host (for UPDATED, the pool's primary region).
    pub region: String,
    /// The user pool id, `{region}_{id}`.
    pub pool_id: String,
}

impl CognitoPool {
    /// The issuer in `form`.
    pub fn issuer(&self, form: CognitoForm) -> String {
        format!(
            "https://{}{}.amazonaws.com/{}",
            form.host_prefix(),
            self.region,
            self.pool_id
        )
    }

    /// The key set URL in `form`: `{issuer}/.well-known/jwks.json`.
    pub fn jwks_url(&self, form: CognitoForm) -> String {
        format!("{}/.well-known/jwks.json", self.issuer(form))
    }
}

/// Reads `iss` as a Cognito user-pool issuer in either form: the pool id must match
/// aws-jwt-verify 5.2's pattern `^(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d_[a-zA-Z0-9]+$`
/// and its region must equal the host's (gateways.md §0). Exact: no trailing slash, lower-case
/// scheme and host, as Cognito issues it.
pub fn parse(iss: &str) -> Option<CognitoPool> {
    let rest = iss.strip_prefix("https://")?;
    let (form, rest) = if let Some(r) = rest.strip_prefix("issuer-cognito-idp.") {
        (CognitoForm::Updated, r)
    } else {
        (CognitoForm::Original, rest.strip_prefix("cognito-idp.")?)
    };
    let (region, pool_id) = rest.split_once(".amazonaws.com/")?;
    let (pool_region, id) = pool_id.split_once('_')?;
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
    (pool_region == region && is_region(region) && id_ok).then(|| CognitoPool {
        form,
        region: region.to_owned(),
        pool_id: pool_id.to_owned(),
    })
}

/// `(eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d`.
fn is_region(region: &str) -> bool {
    let region = region.strip_prefix("eusc-").unwrap_or(region);
    let lower = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    let parts: Vec<&str> = region.split('-').collect();
    let (area, middle, digit) = match parts.as_slice() {
        [area, name, digit] => (*area, vec![*name], *digit),
        [area, "gov", name, digit] => (*area, vec!["gov", *name], *digit),
        _ => return false,
    };
    area.len() == 2
        && lower(area)
        && middle.iter().all(|m| lower(m))
        && digit.len() == 1
        && digit.bytes().all(|b| b.is_ascii_digit())
}

/// True when `iss` names a Cognito user pool, in either issuer form.
pub fn is_cognito_issuer(iss: &str) -> bool {
    parse(iss).is_some()
}

/// True when `url` is a key-set URL under an UPDATED Cognito issuer
/// (`https://issuer-cognito-idp.…/{pool}/.well-known/jwks.json`).
pub fn is_updated_jwks_url(url: &str) -> bool {
    url.strip_suffix("/.well-known/jwks.json")
        .and_then(parse)
        .is_some_and(|p| p.form == CognitoForm::Updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_issuer_forms_and_eusc_pools_are_cognito_pools() {
        for (iss, form, region) in [
            (
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
                CognitoForm::Original,
                "eu-west-1",
            ),
            (
                "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
                CognitoForm::Updated,
                "eu-west-1",
            ),
            (
                "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_X9",
                CognitoForm::Original,
                "us-gov-west-1",
            ),
            (
                "https://issuer-cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Z1",
                CognitoForm::Updated,
                "eusc-de-east-1",
            ),
        ] {
            let pool = parse(iss).unwrap_or_else(|| panic!("{iss} is a Cognito pool"));
            assert_eq!((pool.form, pool.region.as_str()), (form, region), "{iss}");
            assert_eq!(pool.issuer(form), iss);
        }
    }

    #[test]
    fn look_alikes_are_not_cognito_pools() {
        for iss in [
            "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC123",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_a/b",
            "https://cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_A",
            "https://xissuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A",
            "https://cognito-idp.euwest1.amazonaws.com/euwest1_A",
            "http://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A",
            "https://cognito-idp.eu-west-12.amazonaws.com/eu-west-12_A",
        ] {
            assert_eq!(parse(iss), None, "{iss}");
        }
    }

    #[test]
    fn a_pool_has_a_key_set_url_in_each_form() {
        let pool =
            parse("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123").expect("a pool");
        assert_eq!(
            pool.jwks_url(CognitoForm::Updated),
            "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"
        );
        assert!(is_updated_jwks_url(&pool.jwks_url(CognitoForm::Updated)));
        assert!(!is_updated_jwks_url(&pool.jwks_url(CognitoForm::Original)));
    }
}
