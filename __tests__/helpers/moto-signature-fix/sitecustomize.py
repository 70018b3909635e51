"""Loaded by Python at start-up when this folder is on PYTHONPATH (see iam-moto.ts).

Fixes one moto 5.2.1 bug that makes IAM enforcement unusable for our S3
calls, and nothing else: with INITIAL_NO_AUTH_ACTION_COUNT set, moto's server
re-computes each request's SigV4 signature from werkzeug's `request.url`,
which has already percent-DEcoded the query string (`prefix=a%2F` becomes
`prefix=a/`). Any request whose query holds an encoded character, such as
ListObjectsV2 with a prefix containing "/", then fails with
SignatureDoesNotMatch although the client signed it correctly (getmoto/moto
issue #5948). AWS signs and checks the query exactly as sent, so the fix
hands moto's signature check the raw query from the WSGI environ.
Authorization (which action on which resource) is untouched.
"""

from urllib.parse import urlparse, urlunparse

from moto.core import authorization, responses

_setup_class = responses.BaseResponse.setup_class
_authenticate = authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action


def _setup_class_keeping_raw_query(self, request, full_url, headers, *args, **kwargs):
    _setup_class(self, request, full_url, headers, *args, **kwargs)
    environ = getattr(request, "environ", None) or {}
    raw_uri = environ.get("RAW_URI")
    self._raw_query = urlparse(raw_uri).query if raw_uri else None


def _authenticate_with_raw_query(self, *args, **kwargs):
    raw_query = getattr(self, "_raw_query", None)
    if not raw_query:
        return _authenticate(self, *args, **kwargs)
    decoded_uri = self.uri
    self.uri = urlunparse(urlparse(decoded_uri)._replace(query=raw_query))
    try:
        return _authenticate(self, *args, **kwargs)
    finally:
        self.uri = decoded_uri


responses.BaseResponse.setup_class = _setup_class_keeping_raw_query
authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action = _authenticate_with_raw_query
