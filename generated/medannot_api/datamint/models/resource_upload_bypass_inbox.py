from typing import Literal

ResourceUploadBypassInbox = Literal["false", "true"]

RESOURCE_UPLOAD_BYPASS_INBOX_VALUES: set[ResourceUploadBypassInbox] = {
    "false",
    "true",
}


def check_resource_upload_bypass_inbox(value: str) -> ResourceUploadBypassInbox:
    if value in RESOURCE_UPLOAD_BYPASS_INBOX_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESOURCE_UPLOAD_BYPASS_INBOX_VALUES!r}")
