"""VA-shaped error bodies (sm-api.md §0): `{"errors": [{title, detail, code, status, source?}]}`.

Every failure the mock answers goes through `ApiError`, so no endpoint builds an error body by hand.
"""

from typing import Any

from starlette.responses import JSONResponse

# SM code -> (HTTP status, detail); from vets-api config/locales/exceptions.en.yml (sm-api.md §0.2).
SM_CODES: dict[str, tuple[int, str]] = {
    "SM98": (400, "Oracle Health message send failed"),
    "SM99": (502, "Something went wrong. Please try again later."),
    "SM100": (422, "The message body cannot be blank"),
    "SM101": (401, "Application authentication failed"),
    "SM102": (401, "Application authorization failed"),
    "SM103": (401, "Invalid user credentials"),
    "SM104": (401, "Missing user credentials"),
    "SM105": (422, "User was not found"),
    "SM106": (403, "User is not eligible because they are blocked"),
    "SM111": (403, "Invalid user permissions"),
    "SM112": (403, "You do not have access to the requested resource"),
    "SM113": (422, "Unable to read attachment"),
    "SM115": (404, "Entity requested could not be found"),
    "SM117": (502, "A data integrity issue was encountered"),
    "SM119": (422, "Triage team does not exist"),
    "SM122": (422, "The attachment file type is currently not supported"),
    "SM123": (422, "The filename is a required parameter"),
    "SM124": (413, "The attachment file size exceeds the supported size limits"),
    "SM128": (422, "The message you are attempting to send is not a draft "),
    "SM129": (422, "Unable to reply because you are no longer associated with this Triage Team"),
    "SM130": (422, "Unable to reply because the source message is expired"),
    "SM131": (422, "Unable to reply to a message that is a draft"),
    "SM134": (422, "The message you are attempting to save is not a draft"),
    "SM135": (403, "You have not accepted the MHV Terms and Conditions to use secure messaging"),
    "SM151": (422, "User is blocked from the Facility"),
    "SM152": (422, "Email address is invalid"),
    "SM154": (400, "Email Signature Name and Title is required"),
    "SM172": (400, "Attachment scan failed"),
    "SM900": (503, "Service is temporarily unavailable"),
    "SM901": (503, "Service is temporarily unavailable"),
    "SM902": (503, "Triage group service is temporarily unavailable"),
    "SM903": (503, "Service is temporarily unavailable"),
    "SM904": (404, "Message requested could not be found"),
    "SM915": (400, "No messages in the requested folder"),
}

GENERIC_TITLES: dict[int, str] = {
    400: "Bad request",
    401: "Not authorized",
    403: "Forbidden",
    404: "Record not found",
    405: "Method not allowed",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Unprocessable entity",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


def error_entry(
    status: int, detail: str, *, title: str | None = None, code: str | None = None, source: Any = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": title or GENERIC_TITLES.get(status, "Operation failed"),
        "detail": detail,
        "code": code or str(status),
        "status": str(status),
    }
    if source is not None:
        entry["source"] = source
    return entry


class ApiError(Exception):
    """An error the mock answers with a VA error body."""

    def __init__(self, status: int, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors[0]["detail"] if errors else str(status))
        self.status = status
        self.errors = errors

    def response(self) -> JSONResponse:
        return JSONResponse({"errors": self.errors}, status_code=self.status)

    @classmethod
    def generic(cls, status: int, detail: str, **kwargs: Any) -> "ApiError":
        return cls(status, [error_entry(status, detail, **kwargs)])


def sm_error(code: str) -> ApiError:
    status, detail = SM_CODES.get(code, (400, "Operation failed"))
    title = (
        "Record not found"
        if code == "SM115"
        else ("Validation error" if code == "SM100" else "Operation failed")
    )
    if code not in SM_CODES:  # unmapped MHV codes render as VA900 (sm-api.md §0.1)
        return ApiError(400, [error_entry(400, detail, title="Operation failed", code="VA900")])
    return ApiError(status, [error_entry(status, detail, title=title, code=code)])


def validation_error(fields: list[tuple[str, str]]) -> ApiError:
    """422 with one entry per field, `source.pointer` = data/attributes/<field> (ValidationErrors shape)."""
    errors = []
    for name, message in fields:
        label = name.replace("_", " ").capitalize()
        errors.append(
            error_entry(
                422,
                f"{name} - {message}",
                title=f"{label} {message}",
                code="100",
                source={"pointer": f"data/attributes/{name}"},
            )
        )
    return ApiError(422, errors)


def not_found(record_id: object) -> ApiError:
    return ApiError.generic(
        404, f"The record identified by {record_id} could not be found", title="Record not found"
    )


def bad_request(detail: str) -> ApiError:
    return ApiError.generic(400, detail, title="Bad request", code="108")


def no_messaging() -> ApiError:
    return ApiError.generic(403, "You do not have access to messaging", title="Forbidden")


def not_signed_in() -> ApiError:
    return ApiError.generic(401, "Not authorized", title="Not authorized")
