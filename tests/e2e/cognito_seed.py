#!/usr/bin/env python3
"""Seeds a Cognito user pool in a running moto_server and signs a user in.

Prints one JSON object on stdout:
  {"pool_id", "client_id", "region", "jwks_url", "issuer",
   "response": <the AdminInitiateAuth response as returned, minus ResponseMetadata>}

Usage: cognito_seed.py --endpoint http://127.0.0.1:PORT
Credentials are dummies (moto accepts anything); set here unless the environment has some.
"""

import argparse
import base64
import json
import os
import sys

import boto3

REGION = "eu-west-1"
USERNAME = "ada"
EMAIL = "ada@example.com"
PASSWORD = "Correct-Horse-Battery-9"
GROUP = "readers"


def claims_of(jwt: str) -> dict:
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto_server base URL")
    args = parser.parse_args()
    endpoint = args.endpoint.rstrip("/")

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.pop("AWS_PROFILE", None)

    idp = boto3.client("cognito-idp", region_name=REGION, endpoint_url=endpoint)

    pool_id = idp.create_user_pool(
        PoolName="tokenlens-e2e",
        AutoVerifiedAttributes=["email"],
        Policies={"PasswordPolicy": {"MinimumLength": 8}},
    )["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="tokenlens-e2e-web",
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]

    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=USERNAME,
        UserAttributes=[
            {"Name": "email", "Value": EMAIL},
            {"Name": "email_verified", "Value": "true"},
        ],
        MessageAction="SUPPRESS",
    )
    idp.admin_set_user_password(
        UserPoolId=pool_id, Username=USERNAME, Password=PASSWORD, Permanent=True
    )
    idp.create_group(UserPoolId=pool_id, GroupName=GROUP)
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username=USERNAME, GroupName=GROUP)

    response = idp.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": USERNAME, "PASSWORD": PASSWORD},
    )
    response.pop("ResponseMetadata", None)

    result = response.get("AuthenticationResult") or {}
    if not result.get("IdToken") or not result.get("AccessToken"):
        sys.exit(f"admin_initiate_auth returned no tokens: {json.dumps(response)}")

    json.dump(
        {
            "pool_id": pool_id,
            "client_id": client_id,
            "region": REGION,
            "jwks_url": f"{endpoint}/{pool_id}/.well-known/jwks.json",
            # Read from the token rather than assumed: moto's iss names the real AWS host.
            "issuer": claims_of(result["IdToken"]).get("iss"),
            "response": response,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
