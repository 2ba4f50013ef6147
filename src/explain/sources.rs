//! The primary sources behind the diagnosis rules, by the keys used in the knowledge file
//! (`shared/knowledge/gateways.md`, section "Sources"): each key's URL and a title a person can
//! read as link text ("AWS docs — …", "GitHub — … issue N (report)"). Keep the table in step with
//! that section. A finding cites a key; the page links the URL under the title.
//! After the publisher prefix, a title is the page's own title (its `<title>`/H1, or a GitHub
//! thread's own title in the parentheses); change it only against the page itself.

/// One source: its key, URL and link title.
struct Source {
    key: &'static str,
    url: &'static str,
    title: &'static str,
}

const SOURCES: &[Source] = &[
    Source {
        key: "APIGW-COG-INT",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html",
        title: "AWS docs — Integrate a REST API with an Amazon Cognito user pool",
    },
    Source {
        key: "APIGW-COG-OVR",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html",
        title: "AWS docs — Control access to REST APIs using Amazon Cognito user pools as an authorizer",
    },
    Source {
        key: "APIGW-AUTHFLOW",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html",
        title: "AWS docs — How API Gateway resource policies affect authorization workflow",
    },
    Source {
        key: "AUTHZ-API",
        url: "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html",
        title: "AWS API reference — CreateAuthorizer (API Gateway)",
    },
    Source {
        key: "CFN-METHOD",
        url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html",
        title: "AWS CloudFormation — AWS::ApiGateway::Method",
    },
    Source {
        key: "GW-RESP",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
        title: "AWS docs — Gateway response types for API Gateway",
    },
    Source {
        key: "REST-CORS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors-console.html",
        title: "AWS docs — Enable CORS on a resource using the API Gateway console",
    },
    Source {
        key: "LAMBDA-AUTH",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html",
        title: "AWS docs — Use API Gateway Lambda authorizers",
    },
    Source {
        key: "LAMBDA-INPUT",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html",
        title: "AWS docs — Input to an API Gateway Lambda authorizer",
    },
    Source {
        key: "LAMBDA-CONSOLE",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization-with-console.html",
        title: "AWS docs — Configure a Lambda authorizer using the API Gateway console",
    },
    Source {
        key: "CALL-LAMBDA-AUTH",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/call-api-with-api-gateway-lambda-authorization.html",
        title: "AWS docs — Call an API with an API Gateway Lambda authorizer",
    },
    Source {
        key: "HTTP-JWT",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html",
        title: "AWS docs — Control access to HTTP APIs with JWT authorizers in API Gateway",
    },
    Source {
        key: "HTTP-JWT-TS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html",
        title: "AWS docs — Troubleshooting issues with HTTP API JWT authorizers",
    },
    Source {
        key: "HTTP-QUOTAS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html",
        title: "AWS docs — Quotas for configuring and running an HTTP API in API Gateway",
    },
    Source {
        key: "HTTP-CORS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html",
        title: "AWS docs — Configure CORS for HTTP APIs in API Gateway",
    },
    Source {
        key: "HTTP-LAMBDA",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html",
        title: "AWS docs — Control access to HTTP APIs with AWS Lambda authorizers",
    },
    Source {
        key: "HTTPV2-API",
        url: "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html",
        title: "AWS API reference — Authorizers (API Gateway V2)",
    },
    Source {
        key: "REST-JWT",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer.html",
        title: "AWS docs — Control access to REST APIs using JWT authorizers",
    },
    Source {
        key: "REST-JWT-CREATE",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-create.html",
        title: "AWS docs — Create a JWT authorizer for a REST API",
    },
    Source {
        key: "BLOG-REST-JWT",
        url: "https://aws.amazon.com/blogs/compute/securing-rest-apis-with-jwt-authorizers-in-amazon-api-gateway/",
        title: "AWS Compute Blog — Securing REST APIs with JWT authorizers in Amazon API Gateway",
    },
    Source {
        key: "AWSDOCS-PR59",
        url: "https://github.com/awsdocs/amazon-api-gateway-developer-guide/pull/59",
        title: "GitHub — API Gateway developer guide, pull request 59",
    },
    Source {
        key: "AWSDOCS-89",
        url: "https://github.com/awsdocs/amazon-api-gateway-developer-guide/issues/89",
        title: "GitHub — API Gateway developer guide, issue 89 (possible to authorize \"any\" client with JWT-authorizer)",
    },
    Source {
        key: "REST-JWT-METHODS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-methods.html",
        title: "AWS docs — Attach a JWT authorizer to methods and require scopes",
    },
    Source {
        key: "REST-JWT-KEYS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-keys.html",
        title: "AWS docs — Signing keys and troubleshooting JWT authorizers",
    },
    Source {
        key: "REST-JWT-UPDATE",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-update.html",
        title: "AWS docs — Update a JWT authorizer",
    },
    Source {
        key: "APIGW-JWTCONFIG",
        url: "https://docs.aws.amazon.com/apigateway/latest/api/API_JwtConfiguration.html",
        title: "AWS API reference — JwtConfiguration (API Gateway)",
    },
    Source {
        key: "APIGW-QUOTAS",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
        title: "AWS docs — Amazon API Gateway quotas",
    },
    Source {
        key: "SAM-APIAUTH",
        url: "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html",
        title: "AWS SAM docs — ApiAuth",
    },
    Source {
        key: "KC-401",
        url: "https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized",
        title: "AWS Knowledge Center — How do I troubleshoot \"401 Unauthorized\" errors from an API Gateway REST API endpoint after I've set up an Amazon Cognito user pool?",
    },
    Source {
        key: "KC-INTEG",
        url: "https://repost.aws/knowledge-center/cognito-api-gateway-integrations",
        title: "AWS Knowledge Center — How do I create and troubleshoot Amazon Cognito and API Gateway integrations?",
    },
    Source {
        key: "KC-403",
        url: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
        title: "AWS Knowledge Center — How do I troubleshoot HTTP 403 errors from API Gateway?",
    },
    Source {
        key: "KC-403-LAMBDA",
        url: "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
        title: "AWS Knowledge Center — How do I troubleshoot \"HTTP 403 Forbidden\" errors when I use a Lambda authorizer with an API Gateway REST API?",
    },
    Source {
        key: "KC-CACHE",
        url: "https://aws.amazon.com/premiumsupport/knowledge-center/api-gateway-lambda-authorization-errors/",
        title: "AWS Knowledge Center — Why is my API Gateway proxy resource with a Lambda authorizer that has caching activated returning HTTP 403 \"User is not authorized to access this resource\" errors?",
    },
    Source {
        key: "KC-MAT",
        url: "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors",
        title: "AWS Knowledge Center — \"Missing Authentication Token\" errors from API Gateway",
    },
    Source {
        key: "KC-SIGV4",
        url: "https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch",
        title: "AWS Knowledge Center — How do I troubleshoot signature mismatch errors when making SigV4 signed requests with IAM authentication to API Gateway?",
    },
    Source {
        key: "KC-VPC",
        url: "https://repost.aws/knowledge-center/api-gateway-vpc-connections",
        title: "AWS Knowledge Center — API Gateway VPC connection errors",
    },
    Source {
        key: "KC-MTLS",
        url: "https://aws.amazon.com/premiumsupport/knowledge-center/api-gateway-mutual-tls-403-errors/",
        title: "AWS Knowledge Center — How do I troubleshoot HTTP 403 Forbidden errors from an API Gateway custom domain name that requires mutual TLS?",
    },
    Source {
        key: "COG-ID",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html",
        title: "AWS docs — Understanding the identity (ID) token",
    },
    Source {
        key: "COG-AT",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html",
        title: "AWS docs — Understanding the access token",
    },
    Source {
        key: "COG-RT",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html",
        title: "AWS docs — Refresh tokens",
    },
    Source {
        key: "COG-TOK",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html",
        title: "AWS docs — Understanding user pool JSON web tokens (JWTs)",
    },
    Source {
        key: "COG-VERIFY",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html",
        title: "AWS docs — Verifying JSON web tokens",
    },
    Source {
        key: "COG-REVOKE",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html",
        title: "AWS docs — Ending user sessions with token revocation",
    },
    Source {
        key: "COG-CLIENT",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html",
        title: "AWS docs — Application-specific settings with app clients",
    },
    Source {
        key: "COG-PTG",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html",
        title: "AWS docs — Pre token generation Lambda trigger",
    },
    Source {
        key: "COG-ATC",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-advanced-security-access-token.html",
        title: "AWS docs — Access token customization",
    },
    Source {
        key: "BLOG-ATC",
        url: "https://aws.amazon.com/blogs/security/how-to-customize-access-tokens-in-amazon-cognito-user-pools/",
        title: "AWS Security Blog — How to customize access tokens in Amazon Cognito user pools",
    },
    Source {
        key: "COG-RS",
        url: "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html",
        title: "AWS docs — Scopes, M2M, and APIs with resource servers",
    },
    Source {
        key: "COG-ISSUER",
        url: "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html",
        title: "AWS API reference — IssuerConfigurationType (Amazon Cognito User Pools)",
    },
    Source {
        key: "COG-POOLID",
        url: "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html",
        title: "AWS API reference — UserPoolType (Amazon Cognito User Pools)",
    },
    Source {
        key: "ALB-AUTH",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html",
        title: "AWS docs — Authenticate users using an Application Load Balancer",
    },
    Source {
        key: "ALB-JWT",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-verify-jwt.html",
        title: "AWS docs — Verify JWTs using an Application Load Balancer",
    },
    Source {
        key: "CFN-ALB-COGNITO",
        url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listener-authenticatecognitoconfig.html",
        title: "AWS CloudFormation — AWS::ElasticLoadBalancingV2::Listener AuthenticateCognitoConfig",
    },
    Source {
        key: "ELB-OIDC-CFG",
        url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/elasticloadbalancingv2/aws.sdk.kotlin.services.elasticloadbalancingv2.model/-authenticate-oidc-action-config/on-unauthenticated-request.html",
        title: "AWS SDK reference — AuthenticateOidcActionConfig.OnUnauthenticatedRequest",
    },
    Source {
        key: "APPSYNC",
        url: "https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html",
        title: "AWS docs — Configuring authorization and authentication to secure your GraphQL APIs",
    },
    Source {
        key: "APPSYNC-OIDC",
        url: "https://docs.aws.amazon.com/appsync/latest/APIReference/API_OpenIDConnectConfig.html",
        title: "AWS API reference — OpenIDConnectConfig (AWS AppSync)",
    },
    Source {
        key: "APPSYNC-UPC",
        url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-appsync-graphqlapi-userpoolconfig.html",
        title: "AWS CloudFormation — AWS::AppSync::GraphQLApi UserPoolConfig",
    },
    Source {
        key: "AMPLIFY-GQL",
        url: "https://github.com/aws-amplify/amplify-js/blob/main/packages/api-graphql/src/internals/graphqlAuth.ts",
        title: "Amplify JS source — api-graphql graphqlAuth.ts",
    },
    Source {
        key: "AJV",
        url: "https://github.com/awslabs/aws-jwt-verify/releases/tag/v5.2.1",
        title: "aws-jwt-verify 5.2.1 (awslabs) — source and README",
    },
    Source {
        key: "AJV-239",
        url: "https://github.com/awslabs/aws-jwt-verify/pull/239",
        title: "GitHub — aws-jwt-verify pull request 239 (feat: support both region and global Cognito issuer URLs)",
    },
    Source {
        key: "AJV-270",
        url: "https://github.com/awslabs/aws-jwt-verify/issues/270",
        title: "GitHub — aws-jwt-verify issue 270 (eusc- pool IDs)",
    },
    Source {
        key: "AJV-279",
        url: "https://github.com/awslabs/aws-jwt-verify/issues/279",
        title: "GitHub — aws-jwt-verify issue 279 ([BUG] CognitoJwtVerifier.hydrate() fails for user pools without Multi-Region Replication enabled)",
    },
    Source {
        key: "CDK-22402",
        url: "https://github.com/aws/aws-cdk/pull/22402",
        title: "GitHub — AWS CDK pull request 22402 (fix(apigateway): CORS OPTIONS method should not require auth)",
    },
    Source {
        key: "AJV-59",
        url: "https://github.com/awslabs/aws-jwt-verify/issues/59",
        title: "GitHub — aws-jwt-verify issue 59 ([QUESTION] Can not verify Refresh Token)",
    },
    Source {
        key: "NX-828",
        url: "https://github.com/awslabs/nx-plugin-for-aws/pull/828",
        title: "GitHub — awslabs nx-plugin-for-aws pull request 828 (deployed REST authorizer test)",
    },
    Source {
        key: "A0-ISS",
        url: "https://github.com/aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock/issues/97",
        title: "GitHub — AWS Solutions Library sample, issue 97 (Quota API JWT Authorizer fails with Auth0 due to trailing slash mismatch)",
    },
    Source {
        key: "WORKSHOP-JP",
        url: "https://dcj71ciaiav4i.cloudfront.net/0A4DEB20-C89E-11ED-A834-5D52D9748576/chapter4/content2.html",
        title: "AWS Builders workshop — Cognito authorizer chapter",
    },
    Source {
        key: "MS-AT",
        url: "https://learn.microsoft.com/entra/identity-platform/access-tokens",
        title: "Microsoft Learn — Access tokens in the Microsoft identity platform",
    },
    Source {
        key: "MS-CLAIMS",
        url: "https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference",
        title: "Microsoft Learn — Access token claims reference",
    },
    Source {
        key: "FB",
        url: "https://github.com/firebase/firebase-admin-node/blob/master/src/auth/token-verifier.ts",
        title: "Firebase Admin SDK source — token-verifier.ts",
    },
    Source {
        key: "GAL",
        url: "https://github.com/googleapis/google-auth-library-nodejs/blob/a95b827/src/auth/oauth2client.ts",
        title: "Google Auth Library source — oauth2client.ts",
    },
    Source {
        key: "KC-SRC",
        url: "https://github.com/keycloak/keycloak/blob/main/services/src/main/java/org/keycloak/protocol/oidc/OIDCLoginProtocolService.java",
        title: "Keycloak source — OIDCLoginProtocolService.java",
    },
    Source {
        key: "KC-TOKENUTIL",
        url: "https://github.com/keycloak/keycloak/blob/main/core/src/main/java/org/keycloak/util/TokenUtil.java",
        title: "Keycloak source — TokenUtil.java",
    },
    Source {
        key: "A0-OPAQUE",
        url: "https://github.com/auth0/nextjs-auth0/issues/1809",
        title: "GitHub — auth0/nextjs-auth0 issue 1809 (4.0.0-beta.3/beta.7 JWT returned is incorrect)",
    },
    Source {
        key: "A0-DOCS-5001",
        url: "https://github.com/auth0/docs/pull/5001",
        title: "GitHub — auth0/docs pull request 5001",
    },
    Source {
        key: "RFC8725",
        url: "https://www.rfc-editor.org/rfc/rfc8725",
        title: "RFC 8725 — JSON Web Token Best Current Practices",
    },
    Source {
        key: "RFC6749",
        url: "https://www.rfc-editor.org/rfc/rfc6749#section-1.5",
        title: "RFC 6749 §1.5 — Refresh Token",
    },
    Source {
        key: "RFC6750",
        url: "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
        title: "RFC 6750 §3.1 — Error Codes",
    },
    Source {
        key: "RFC7515",
        url: "https://www.rfc-editor.org/rfc/rfc7515",
        title: "RFC 7515 — JSON Web Signature (JWS)",
    },
    Source {
        key: "RFC7516",
        url: "https://www.rfc-editor.org/rfc/rfc7516",
        title: "RFC 7516 — JSON Web Encryption (JWE)",
    },
    Source {
        key: "RFC7519",
        url: "https://www.rfc-editor.org/rfc/rfc7519",
        title: "RFC 7519 — JSON Web Token (JWT)",
    },
    Source {
        key: "FETCH-SPEC",
        url: "https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name",
        title: "WHATWG Fetch standard — CORS-safelisted response headers",
    },
    Source {
        key: "AMPLIFY-6060",
        url: "https://github.com/aws-amplify/amplify-js/issues/6060",
        title: "GitHub — aws-amplify/amplify-js issue 6060 (401,{\"message\":\"The incoming token has expired\"} (aws-amplify-react-native))",
    },
    Source {
        key: "AMPLIFY-10147",
        url: "https://github.com/aws-amplify/amplify-js/issues/10147",
        title: "GitHub — aws-amplify/amplify-js issue 10147 ([The incoming token has expired] error log)",
    },
    Source {
        key: "AMPLIFY-3587",
        url: "https://github.com/aws-amplify/amplify-js/issues/3587",
        title: "GitHub — aws-amplify/amplify-js issue 3587 (report)",
    },
    Source {
        key: "AMPLIFY-DOCS-959",
        url: "https://github.com/aws-amplify/docs/issues/959",
        title: "GitHub — aws-amplify/docs issue 959 (report)",
    },
    Source {
        key: "AMPLIFY-DOCS-1137",
        url: "https://github.com/aws-amplify/docs/pull/1137",
        title: "GitHub — aws-amplify/docs pull request 1137 (APIGateway with userpool authorization should be using IdToken)",
    },
    Source {
        key: "OC-374",
        url: "https://github.com/open-constructs/cdk-serverless/issues/374",
        title: "GitHub — open-constructs/cdk-serverless issue 374 (report)",
    },
    Source {
        key: "POSTMAN-6987",
        url: "https://github.com/postmanlabs/postman-app-support/issues/6987",
        title: "GitHub — Postman issue 6987 (report)",
    },
    Source {
        key: "KEYVAL",
        url: "https://github.com/amazon-archives/aws-cognito-angular-quickstart/issues/50",
        title: "GitHub — aws-cognito-angular-quickstart issue 50 (SigV4 error on a token, report)",
    },
    Source {
        key: "LOIGE",
        url: "https://loige.co/debugging-custom-apigateway-authorizers/",
        title: "Luciano Mammino — Debugging custom API Gateway authorizers (report)",
    },
    Source {
        key: "DEVTO-MODES",
        url: "https://dev.to/marcogrcr/api-gateway-lambda-authorizer-lambda-proxy-integration-failure-modes-52bc",
        title: "DEV Community — API Gateway + Lambda authorizer + Lambda proxy integration failure modes",
    },
    Source {
        key: "REPOST-CORS-401",
        url: "https://repost.aws/questions/QUZ1msDIU8Qyu1eTgOCZ3Ccw",
        title: "AWS re:Post question — CORS error on a 401 (report)",
    },
    Source {
        key: "SAM-1178",
        url: "https://github.com/aws/serverless-application-model/issues/1178",
        title: "GitHub — AWS SAM issue 1178 (report)",
    },
    Source {
        key: "REPOST-HTTP-CORS",
        url: "https://repost.aws/questions/QUOapdPrBBT7yRSERUdSolmw",
        title: "AWS re:Post question — HTTP API CORS and authorizers (report)",
    },
    Source {
        key: "YULIN-302",
        url: "https://github.com/KensioSoftware/yulin/issues/302",
        title: "GitHub — yulin (AWS emulator) issue 302 (report)",
    },
    Source {
        key: "YULIN-427",
        url: "https://github.com/KensioSoftware/yulin/issues/427",
        title: "GitHub — yulin (AWS emulator) issue 427 (report)",
    },
    Source {
        key: "YULIN-792",
        url: "https://github.com/KensioSoftware/yulin/issues/792",
        title: "GitHub — yulin (AWS emulator) issue 792 (report)",
    },
    Source {
        key: "DT-75458",
        url: "https://github.com/DefinitelyTyped/DefinitelyTyped/pull/75458",
        title: "GitHub — DefinitelyTyped pull request 75458 (HTTP API event with Cognito claims)",
    },
    Source {
        key: "FASTAPI-COGNITO-30",
        url: "https://github.com/markomirosavljev/fastapi-cognito/issues/30",
        title: "GitHub — fastapi-cognito issue 30 (report)",
    },
    Source {
        key: "JWTINFO-30",
        url: "https://github.com/lmammino/jwtinfo/issues/30",
        title: "GitHub — jwtinfo issue 30 (Cognito refresh-token JWE header)",
    },
    Source {
        key: "GIST-IDTOKEN",
        url: "https://gist.github.com/bonnydeal/7e7b5dce99363ce81bbfe46b1cd01fe2",
        title: "GitHub Gist — a Cognito ID token example (report)",
    },
    Source {
        key: "MS-609",
        url: "https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet/issues/609",
        title: "GitHub — Microsoft IdentityModel issue 609 (report)",
    },
    Source {
        key: "MS-NONCE",
        url: "https://github.com/justinlettau/azure-ad-verify-token/issues/5",
        title: "GitHub — azure-ad-verify-token issue 5 (Graph tokens with a nonce, report)",
    },
    Source {
        key: "KC-AUD",
        url: "https://phasetwo.io/tutorials/clients/audience/",
        title: "Phase Two — Keycloak client audience tutorial",
    },
    Source {
        key: "COG-CORS",
        url: "https://github.com/asgardeo/asgardeo-auth-react-sdk/issues/300",
        title: "GitHub — asgardeo-auth-react-sdk issue 300 (JWKS and CORS, report)",
    },
    Source {
        key: "G-CORS",
        url: "https://github.com/OHIF/Viewers/issues/616",
        title: "GitHub — OHIF Viewers issue 616 (Google JWKS and CORS, report)",
    },
    Source {
        key: "MS-CORS",
        url: "https://github.com/damienbod/angular-auth-oidc-client/issues/19",
        title: "GitHub — angular-auth-oidc-client issue 19 (Microsoft JWKS and CORS, report)",
    },
    Source {
        key: "A0-CORS",
        url: "https://github.com/auth0/auth0.js/issues/1150",
        title: "GitHub — auth0.js issue 1150 (CORS fails on fetching /.well-known/jwks.json)",
    },
    Source {
        key: "OKTA-CORS",
        url: "https://github.com/okta/okta-oidc-js/issues/337",
        title: "GitHub — okta-oidc-js issue 337 (JWKS and CORS, report)",
    },
    Source {
        key: "STROOM-ALB",
        url: "https://gchq.github.io/stroom-docs/docs/install-guide/setup/open-id/edge-proxy/aws-alb-cognito/",
        title: "Stroom docs — AWS ALB with Cognito",
    },
    Source {
        key: "AJV-282",
        url: "https://github.com/awslabs/aws-jwt-verify/issues/282",
        title: "GitHub — aws-jwt-verify issue 282 (Support Multi-Region Replication)",
    },
    Source {
        key: "SAM-957",
        url: "https://github.com/aws/serverless-application-model/issues/957",
        title: "GitHub — AWS SAM issue 957 (preflight through the REST authorizer)",
    },
    Source {
        key: "SAM-2136",
        url: "https://github.com/aws/serverless-application-model/issues/2136",
        title: "GitHub — AWS SAM issue 2136 (CORS + Cognito Authorization)",
    },
    Source {
        key: "SAM-3505",
        url: "https://github.com/aws/serverless-application-model/issues/3505",
        title: "GitHub — AWS SAM issue 3505 (preflight through the REST authorizer)",
    },
    Source {
        key: "CDK-8615",
        url: "https://github.com/aws/aws-cdk/issues/8615",
        title: "GitHub — AWS CDK issue 8615 (defaultMethodOptions should be selectively applied to CORS OPTIONS method)",
    },
    Source {
        key: "SLS-6125",
        url: "https://github.com/serverless/serverless/issues/6125",
        title: "GitHub — Serverless Framework issue 6125 (API Gateway cognito authorizer scopes don't work with a authorizerId)",
    },
    Source {
        key: "COG-IDJS-602",
        url: "https://github.com/amazon-archives/amazon-cognito-identity-js/issues/602",
        title: "GitHub — amazon-cognito-identity-js issue 602 (401 Unauthorized on API Gateway)",
    },
];

fn find(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

/// The URL for a source key, if the key is known.
pub fn url(key: &str) -> Option<&'static str> {
    find(key).map(|s| s.url)
}

/// The link text for a source key: the page's title with its publisher, if the key is known.
pub fn title(key: &str) -> Option<&'static str> {
    find(key).map(|s| s.title)
}

/// A source key's link: (title, URL), if the key is known (one lookup for both).
pub fn link(key: &str) -> Option<(&'static str, &'static str)> {
    find(key).map(|s| (s.title, s.url))
}

/// Every known key, for tests that check findings only cite known sources.
pub const KEYS: &[&str] = &[
    "APIGW-COG-INT",
    "APIGW-COG-OVR",
    "APIGW-AUTHFLOW",
    "AUTHZ-API",
    "CFN-METHOD",
    "GW-RESP",
    "REST-CORS",
    "LAMBDA-AUTH",
    "LAMBDA-INPUT",
    "LAMBDA-CONSOLE",
    "CALL-LAMBDA-AUTH",
    "HTTP-JWT",
    "HTTP-JWT-TS",
    "HTTP-QUOTAS",
    "HTTP-CORS",
    "HTTP-LAMBDA",
    "HTTPV2-API",
    "REST-JWT",
    "REST-JWT-CREATE",
    "BLOG-REST-JWT",
    "AWSDOCS-PR59",
    "AWSDOCS-89",
    "REST-JWT-METHODS",
    "REST-JWT-KEYS",
    "REST-JWT-UPDATE",
    "APIGW-JWTCONFIG",
    "APIGW-QUOTAS",
    "SAM-APIAUTH",
    "KC-401",
    "KC-INTEG",
    "KC-403",
    "KC-403-LAMBDA",
    "KC-CACHE",
    "KC-MAT",
    "KC-SIGV4",
    "KC-VPC",
    "KC-MTLS",
    "COG-ID",
    "COG-AT",
    "COG-RT",
    "COG-TOK",
    "COG-VERIFY",
    "COG-REVOKE",
    "COG-CLIENT",
    "COG-PTG",
    "COG-ATC",
    "BLOG-ATC",
    "COG-RS",
    "COG-ISSUER",
    "COG-POOLID",
    "ALB-AUTH",
    "ALB-JWT",
    "CFN-ALB-COGNITO",
    "ELB-OIDC-CFG",
    "APPSYNC",
    "APPSYNC-OIDC",
    "APPSYNC-UPC",
    "AMPLIFY-GQL",
    "AJV",
    "AJV-239",
    "AJV-270",
    "AJV-279",
    "CDK-22402",
    "AJV-59",
    "NX-828",
    "A0-ISS",
    "WORKSHOP-JP",
    "MS-AT",
    "MS-CLAIMS",
    "FB",
    "GAL",
    "KC-SRC",
    "KC-TOKENUTIL",
    "A0-OPAQUE",
    "A0-DOCS-5001",
    "RFC8725",
    "RFC6749",
    "RFC6750",
    "RFC7515",
    "RFC7516",
    "RFC7519",
    "FETCH-SPEC",
    "AMPLIFY-6060",
    "AMPLIFY-10147",
    "AMPLIFY-3587",
    "AMPLIFY-DOCS-959",
    "AMPLIFY-DOCS-1137",
    "OC-374",
    "POSTMAN-6987",
    "KEYVAL",
    "LOIGE",
    "DEVTO-MODES",
    "REPOST-CORS-401",
    "SAM-1178",
    "REPOST-HTTP-CORS",
    "YULIN-302",
    "YULIN-427",
    "YULIN-792",
    "DT-75458",
    "FASTAPI-COGNITO-30",
    "JWTINFO-30",
    "GIST-IDTOKEN",
    "MS-609",
    "MS-NONCE",
    "KC-AUD",
    "COG-CORS",
    "G-CORS",
    "MS-CORS",
    "A0-CORS",
    "OKTA-CORS",
    "STROOM-ALB",
    "AJV-282",
    "SAM-957",
    "SAM-2136",
    "SAM-3505",
    "CDK-8615",
    "SLS-6125",
    "COG-IDJS-602",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_entry_a_url_and_a_readable_title() {
        assert_eq!(KEYS.len(), SOURCES.len());
        for key in KEYS {
            assert_eq!(SOURCES.iter().filter(|s| s.key == *key).count(), 1, "{key}");
            assert!(url(key).is_some_and(|u| u.starts_with("https://")), "{key}");
            let title = title(key).unwrap_or_default();
            assert!(
                title.contains(" — ") && !title.contains(key),
                "{key}: {title}"
            );
        }
        assert_eq!(url("NOT-A-KEY"), None);
        assert_eq!(link("NOT-A-KEY"), None);
        for key in KEYS {
            assert_eq!(
                link(key),
                Some((title(key).unwrap(), url(key).unwrap())),
                "{key}"
            );
        }
    }
}
